package dev.runbook.modules.files;

/**
 * One {@code stat} of a path on the host, as the probe printed it.
 *
 * @param mode permission bits including setuid/setgid/sticky (07777)
 */
public record Stat(Type type, int mode, int uid, int gid, long inode, long device, long size, long mtime,
                   String user, String group) {

    /** The file types the file modules tell apart. */
    public enum Type {
        FILE("file"), DIRECTORY("directory"), LINK("link"), OTHER("special file");

        private final String word;

        Type(String word) {
            this.word = word;
        }

        /** How the type is named in messages ("a directory"). */
        public String word() {
            return word;
        }
    }

    /**
     * Parses the fields printed by {@code stat -c '%f %u %g %i %d %s %Y %U %G'}: the raw mode in hex,
     * then ids, inode, device, size, mtime and the owner and group names.
     */
    static Stat parse(String fields) {
        String[] f = fields.trim().split(" ");
        if (f.length < 9) {
            throw new IllegalArgumentException("unexpected stat output: " + fields);
        }
        int raw = Integer.parseInt(f[0], 16);
        return new Stat(typeOf(raw), raw & 07777, Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), f[7], f[8]);
    }

    private static Type typeOf(int raw) {
        return switch (raw & 0170000) {
            case 0100000 -> Type.FILE;
            case 0040000 -> Type.DIRECTORY;
            case 0120000 -> Type.LINK;
            default -> Type.OTHER;
        };
    }

    public boolean isDir() {
        return type == Type.DIRECTORY;
    }

    public boolean isFile() {
        return type == Type.FILE;
    }

    /** The owner as chown accepts it: the name, or the number when the host has no name for it. */
    public String ownerArg() {
        return "UNKNOWN".equals(user) ? String.valueOf(uid) : user;
    }

    public String groupArg() {
        return "UNKNOWN".equals(group) ? String.valueOf(gid) : group;
    }
}
