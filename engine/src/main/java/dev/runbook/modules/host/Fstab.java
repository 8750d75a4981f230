package dev.runbook.modules.host;

import java.util.List;

/**
 * An fstab edited with ansible.posix.mount's rules: comments, blank lines and lines that do not
 * have 4 to 6 fields are kept; a line whose mount point is the entry's is rewritten (single
 * spaces between fields) when its source, type, options, dump or pass differ, else kept as it
 * is; an entry that is not there is appended. Removing drops every line of that mount point.
 * Fields are escaped as fstab wants ({@code \040} for a space).
 */
final class Fstab {
    private Fstab() {
    }

    /** One fstab entry; dump and passno are strings, as written. */
    record Entry(String src, String path, String fstype, String opts, String dump, String passno) {
        String line() {
            return String.join(" ", escape(src), escape(path), escape(fstype), escape(opts), escape(dump), escape(passno)) + "\n";
        }
    }

    /** The file after making sure {@code entry} is there; same text when nothing changes. */
    static String set(String text, Entry entry) {
        StringBuilder out = new StringBuilder();
        boolean exists = false;
        String path = escape(entry.path());
        for (String line : lines(text)) {
            String[] f = fields(line);
            if (f == null || !f[1].equals(path) || isOtherSwap(f, entry)) {
                out.append(line);
                continue;
            }
            exists = true;
            String dump = f.length > 4 ? f[4] : "0";
            String passno = f.length > 5 ? f[5] : "0";
            boolean same = f[0].equals(escape(entry.src())) && f[2].equals(escape(entry.fstype())) && f[3].equals(escape(entry.opts()))
                    && dump.equals(escape(entry.dump())) && passno.equals(escape(entry.passno()));
            out.append(same ? line : entry.line());
        }
        if (!exists) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            out.append(entry.line());
        }
        return out.toString();
    }

    /** The file without any line for mount point {@code path}. */
    static String unset(String text, String path) {
        StringBuilder out = new StringBuilder();
        String escaped = escape(path);
        for (String line : lines(text)) {
            String[] f = fields(line);
            if (f == null || !f[1].equals(escaped)) {
                out.append(line);
            }
        }
        return out.toString();
    }

    /** Swap lines all have mount point "none": for them the source tells entries apart. */
    private static boolean isOtherSwap(String[] f, Entry entry) {
        return f[1].equals("none") && f[2].equals("swap") && !f[0].equals(escape(entry.src()));
    }

    /** The fields of an entry line, or null for comments, blank lines and lines that are not entries. */
    private static String[] fields(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
            return null;
        }
        String[] f = t.split("\\s+");
        return f.length >= 4 && f.length <= 6 ? f : null;
    }

    /** Lines with their line ends. */
    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("(?<=\n)"));
    }

    static String escape(String v) {
        return v.replace("\\", "\\134").replace(" ", "\\040").replace("\t", "\\011").replace("\n", "\\012");
    }
}
