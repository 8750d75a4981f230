package dev.runbook.modules.files;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-only listing behind {@code find}: one command per search path lists every entry with
 * its lstat data (GNU find's {@code -printf}, NUL-separated so any file name survives), in the
 * order Ansible's {@code os.walk} would meet them: a directory's files, then its directories,
 * then each directory's own listing.
 */
final class FindWalk {
    private static final String FORMAT = "%d\\t%y\\t%m\\t%s\\t%U\\t%G\\t%u\\t%g\\t%i\\t%D\\t%n\\t%A@\\t%T@\\t%C@\\t%h\\t%f\\0";

    /** One entry: its depth below the search path (1 = directly in it) and its lstat data. */
    record Entry(int depth, char type, int mode, long size, long uid, long gid, String user, String group,
                 long inode, long dev, long nlink, double atime, double mtime, double ctime, String dir, String name) {
        String path() {
            return dir.endsWith("/") ? dir + name : dir + "/" + name;
        }
    }

    /** The listing of one search path: its entries, or why it was skipped, and the host's clock. */
    record Listing(List<Entry> entries, String skipped, double now) {
    }

    private FindWalk() {
    }

    /**
     * Lists {@code path} down to {@code maxDepth} levels (0: no limit), following symbolic links
     * to directories when {@code follow}.
     */
    static Listing list(ModuleContext ctx, String path, int maxDepth, boolean follow)
            throws ModuleException, ConnectionException, InterruptedException {
        String p = shellPath(path);
        String script = "date +%s.%N; if [ -d " + p + " ]; then find " + (follow ? "-L " : "") + p + " -mindepth 1"
                + (maxDepth > 0 ? " -maxdepth " + maxDepth : "") + " -printf '" + FORMAT + "'; else echo '-'; fi";
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(script)));
        String out = r.stdout();
        int nl = out.indexOf('\n');
        if (nl < 0) {
            throw new ModuleException("cannot list " + path + " on " + ctx.host() + ": " + r.stderr().strip());
        }
        double now = Double.parseDouble(out.substring(0, nl).strip());
        String rest = out.substring(nl + 1);
        if (rest.startsWith("-\n")) {
            return new Listing(List.of(), "'" + path + "' is not a directory", now);
        }
        List<Entry> entries = new ArrayList<>();
        for (String record : rest.split("\0")) {
            if (!record.isEmpty()) {
                entries.add(parse(record));
            }
        }
        String skipped = r.exitCode() == 0 ? null : r.stderr().strip().lines().findFirst().orElse("find failed");
        return new Listing(walkOrder(entries), skipped, now);
    }

    /** {@code ~} and {@code ~/x} expand on the host, as Ansible's expanduser; the rest is quoted. */
    private static String shellPath(String path) {
        if (path.equals("~")) {
            return "~";
        }
        if (path.startsWith("~/")) {
            return "~/" + ShellQuote.quote(path.substring(2));
        }
        return ShellQuote.quote(path);
    }

    private static Entry parse(String record) {
        String[] f = record.split("\t", 16);
        return new Entry(Integer.parseInt(f[0]), f[1].charAt(0), Integer.parseInt(f[2], 8), Long.parseLong(f[3]),
                Long.parseLong(f[4]), Long.parseLong(f[5]), name(f[6], f[4]), name(f[7], f[5]), Long.parseLong(f[8]),
                Long.parseLong(f[9]), Long.parseLong(f[10]), Double.parseDouble(f[11]), Double.parseDouble(f[12]),
                Double.parseDouble(f[13]), f[14], f[15]);
    }

    /** find prints the number when a user or group has no name; Ansible gives "". */
    private static String name(String printed, String number) {
        return printed.equals(number) ? "" : printed;
    }

    /** Directory by directory, top-down: files (anything not walked into) first, then directories, each by name. */
    private static List<Entry> walkOrder(List<Entry> entries) {
        Map<String, List<Entry>> byDir = new LinkedHashMap<>();
        for (Entry e : entries) {
            byDir.computeIfAbsent(e.dir(), d -> new ArrayList<>()).add(e);
        }
        List<Entry> out = new ArrayList<>();
        String root = entries.stream().filter(e -> e.depth() == 1).map(Entry::dir).findFirst().orElse(null);
        if (root != null) {
            visit(root, byDir, out);
        }
        return out;
    }

    private static void visit(String dir, Map<String, List<Entry>> byDir, List<Entry> out) {
        List<Entry> here = new ArrayList<>(byDir.getOrDefault(dir, List.of()));
        here.sort((a, b) -> a.name().compareTo(b.name()));
        List<Entry> dirs = here.stream().filter(e -> e.type() == 'd').toList();
        here.stream().filter(e -> e.type() != 'd').forEach(out::add);
        out.addAll(dirs);
        for (Entry d : dirs) {
            visit(d.path(), byDir, out);
        }
    }
}
