package dev.runbook.modules.archive;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A directory tree on the target as one read-only probe saw it: every entry's type, mode, size,
 * mtime and owner, plus the sha256 of each regular file. The probe's output is NUL-separated so
 * any file name (spaces, newlines, quotes) survives; the parser is pure and tested on recorded
 * output. Needs GNU find and coreutils' sha256sum on the target.
 *
 * @param exists false when the root does not exist
 * @param isDir  false when the root exists but is not a directory
 */
public record TreeListing(String root, boolean exists, boolean isDir, Map<String, TreeEntry> entries) {
    static final String ENTRIES = "@@entries";
    static final String HASHES = "@@sha256";

    public TreeListing {
        entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    public static TreeListing missing(String root) {
        return new TreeListing(root, false, false, Map.of());
    }

    /** The probe: one shell command, read-only. {@code hash} false skips the sha256 pass. */
    public static String script(String root, boolean hash) {
        String d = ShellQuote.quote(root);
        String s = "d=" + d + "\n"
                + "if [ ! -e \"$d\" ] && [ ! -L \"$d\" ]; then printf '@@missing\\0'; exit 0; fi\n"
                + "if [ ! -d \"$d\" ]; then printf '@@notdir\\0'; exit 0; fi\n"
                + "cd \"$d\" || exit 3\n"
                + "printf '" + ENTRIES + "\\0'\n"
                + "find . -mindepth 1 -printf '%y %m %s %T@ %u %g\\0%P\\0%l\\0' || exit 4\n"
                + "printf '" + HASHES + "\\0'\n";
        if (hash) {
            s += "find . -type f -print0 | xargs -0 -r sha256sum -z -- || exit 5\n";
        }
        return s;
    }

    /** Runs the probe on the target. A listing that fails (permissions, no GNU find) is a clear error. */
    public static TreeListing probe(ModuleContext ctx, String root, boolean hash)
            throws ModuleException, ConnectionException, InterruptedException {
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(script(root, hash))));
        if (r.exitCode() != 0) {
            String why = r.stderr().isBlank() ? "exit code " + r.exitCode() : r.stderr().strip();
            throw new ModuleException("cannot list " + root + " on " + ctx.host() + ": " + why
                    + " (the listing needs GNU find and sha256sum, and read access to every file)");
        }
        return parse(root, r.stdout());
    }

    /**
     * The sha256 of the listed regular files under {@code root}: a second, read-only pass that
     * hashes only the files a comparison cannot settle by size, so a large excluded cache or a
     * file whose size already differs is never read.
     */
    public static Map<String, String> hashes(ModuleContext ctx, String root, Collection<String> paths)
            throws ModuleException, ConnectionException, InterruptedException {
        if (paths.isEmpty()) {
            return Map.of();
        }
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell("cd " + ShellQuote.quote(root)
                + " && xargs -0 -r sha256sum -z --")).withStdin(TargetOps.nulList(paths)));
        if (r.exitCode() != 0) {
            String why = r.stderr().isBlank() ? "exit code " + r.exitCode() : r.stderr().strip();
            throw new ModuleException("cannot checksum files under " + root + " on " + ctx.host() + ": " + why);
        }
        Map<String, String> out = new HashMap<>();
        for (String line : r.stdout().split("\0")) {
            if (!line.isEmpty()) {
                String[] h = hashLine(root, line);
                out.put(h[0], h[1]);
            }
        }
        return out;
    }

    /** This listing with checksums filled in. */
    public TreeListing withHashes(Map<String, String> sha256) {
        Map<String, TreeEntry> m = new HashMap<>(entries);
        sha256.forEach((path, hex) -> m.computeIfPresent(path, (k, e) -> e.withSha256(hex)));
        return new TreeListing(root, exists, isDir, m);
    }

    /** Parses the probe's output. */
    public static TreeListing parse(String root, String output) throws ModuleException {
        String[] t = output.split("\0", -1);
        if (t.length == 0 || t[0].equals("@@missing")) {
            return missing(root);
        }
        if (t[0].equals("@@notdir")) {
            return new TreeListing(root, true, false, Map.of());
        }
        if (!t[0].equals(ENTRIES)) {
            throw new ModuleException("unexpected listing output for " + root + ": " + abbreviate(output));
        }
        Map<String, TreeEntry> entries = new HashMap<>();
        int i = 1;
        while (i + 2 < t.length && !t[i].equals(HASHES)) {
            TreeEntry e = entry(root, t[i], t[i + 1], t[i + 2]);
            entries.put(e.path(), e);
            i += 3;
        }
        if (i >= t.length || !t[i].equals(HASHES)) {
            throw new ModuleException("the listing of " + root + " was cut short");
        }
        for (i++; i < t.length; i++) {
            if (!t[i].isEmpty()) {
                hash(root, entries, t[i]);
            }
        }
        return new TreeListing(root, true, true, entries);
    }

    private static TreeEntry entry(String root, String meta, String path, String link) throws ModuleException {
        String[] f = meta.split(" ");
        if (f.length != 6 || f[0].length() != 1) {
            throw new ModuleException("unexpected listing line for " + root + ": " + abbreviate(meta));
        }
        try {
            char type = f[0].charAt(0);
            long mtime = (long) Math.floor(Double.parseDouble(f[3]));
            return new TreeEntry(path, type, Integer.parseInt(f[1], 8), Long.parseLong(f[2]), mtime, null,
                    type == 'l' ? link : null, f[4], f[5]);
        } catch (NumberFormatException e) {
            throw new ModuleException("unexpected listing line for " + root + ": " + abbreviate(meta));
        }
    }

    private static void hash(String root, Map<String, TreeEntry> entries, String line) throws ModuleException {
        String[] h = hashLine(root, line);
        TreeEntry e = entries.get(h[0]);
        if (e != null) {
            entries.put(h[0], e.withSha256(h[1]));
        }
    }

    /** One sha256sum -z record (64 hex digits, two spaces or space and '*', "./path") as {path, hex}. */
    private static String[] hashLine(String root, String line) throws ModuleException {
        if (line.length() < 69 || !line.startsWith("./", 66)) {
            throw new ModuleException("unexpected checksum line for " + root + ": " + abbreviate(line));
        }
        return new String[] {line.substring(68), line.substring(0, 64)};
    }

    private static String abbreviate(String s) {
        String clean = s.replace('\0', '|');
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }

    public TreeEntry get(String path) {
        return entries.get(path);
    }
}
