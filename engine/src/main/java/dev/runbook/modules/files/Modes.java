package dev.runbook.modules.files;

/**
 * File modes as Ansible reads them. An octal mode replaces the bits; a symbolic one
 * ({@code u+x,g-w,o=r}) is worked out against the current mode exactly as chmod does, so check
 * mode can say what the mode will be. A clause without who ({@code +x}) means all, minus the
 * host's umask, as chmod and Ansible do.
 */
public final class Modes {
    private Modes() {
    }

    /** "0644" (four digits, as Ansible shows modes). */
    public static String format(int mode) {
        return String.format("%04o", mode & 07777);
    }

    /**
     * The mode a path ends up with.
     *
     * @param wanted  an Integer (octal bits) or a symbolic String, as {@code Args} binds a mode
     * @param current the current bits (for a new path: the default the host would create it with)
     */
    public static int resolve(Object wanted, int current, boolean isDir, int umask) {
        if (wanted instanceof Integer octal) {
            return octal & 07777;
        }
        int mode = current & 07777;
        for (String clause : String.valueOf(wanted).split(",")) {
            mode = applyClause(clause.trim(), mode, isDir, umask);
        }
        return mode;
    }

    /** What a new file or directory gets from the umask alone. */
    public static int created(boolean isDir, int umask) {
        return (isDir ? 0777 : 0666) & ~umask;
    }

    private static int applyClause(String clause, int mode, boolean isDir, int umask) {
        int i = 0;
        while (i < clause.length() && "ugoa".indexOf(clause.charAt(i)) >= 0) {
            i++;
        }
        String who = clause.substring(0, i);
        boolean useUmask = who.isEmpty();
        if (useUmask) {
            who = "a";
        }
        while (i < clause.length()) {
            char op = clause.charAt(i++);
            int start = i;
            while (i < clause.length() && "-+=".indexOf(clause.charAt(i)) < 0) {
                i++;
            }
            int bits = bits(who, clause.substring(start, i), mode, isDir);
            if (useUmask) {
                bits &= ~umask;
            }
            mode = switch (op) {
                case '+' -> mode | bits;
                case '-' -> mode & ~bits;
                default -> (mode & ~whoMask(who)) | bits;
            };
        }
        return mode;
    }

    private static int bits(String who, String perms, int mode, boolean isDir) {
        boolean all = who.contains("a");
        int out = 0;
        if (all || who.contains("u")) {
            out |= rwx(perms, 6, mode, isDir) | (perms.indexOf('s') >= 0 ? 04000 : 0);
        }
        if (all || who.contains("g")) {
            out |= rwx(perms, 3, mode, isDir) | (perms.indexOf('s') >= 0 ? 02000 : 0);
        }
        if (all || who.contains("o")) {
            out |= rwx(perms, 0, mode, isDir) | (perms.indexOf('t') >= 0 ? 01000 : 0);
        }
        return out;
    }

    private static int rwx(String perms, int shift, int mode, boolean isDir) {
        int b = 0;
        for (char c : perms.toCharArray()) {
            b |= switch (c) {
                case 'r' -> 4;
                case 'w' -> 2;
                case 'x' -> 1;
                // X: execute only for directories or what is already executable by someone
                case 'X' -> isDir || (mode & 0111) != 0 ? 1 : 0;
                default -> 0;
            };
        }
        return b << shift;
    }

    private static int whoMask(String who) {
        boolean all = who.contains("a");
        return (all || who.contains("u") ? 04700 : 0) | (all || who.contains("g") ? 02070 : 0)
                | (all || who.contains("o") ? 01007 : 0);
    }
}
