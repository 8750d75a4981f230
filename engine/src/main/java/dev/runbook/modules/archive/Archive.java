package dev.runbook.modules.archive;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs files and directories of the target into a tar, tar.gz or zip on the target. The archive
 * is built beside dest and renamed into place, so a half-written archive never exists under its
 * final name. An existing dest is refused unless force: a backup step that quietly keeps an old
 * archive would let a later restore bring back old files.
 */
public final class Archive implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("archive",
            "Pack directories or files of the target into a .tar.gz, .tar or .zip on the target, atomically "
                    + "(built beside dest, then renamed) and private (mode 0600) by default; an existing dest is "
                    + "refused unless force.",
            List.of(
                    ArgSpec.required("path", ArgType.LIST, "A directory or file on the target, or a list of them; each "
                            + "is stored under its own name (archiving /var/www/shop gives shop/...)."),
                    ArgSpec.required("dest", ArgType.STRING, "The archive file to create on the target."),
                    ArgSpec.optional("format", ArgType.STRING, null, "tar.gz, tar or zip. Default: from dest's "
                            + "extension, else tar.gz. zip needs the zip program on the target. Ansible's 'gz' means tar.gz.")
                            .withChoices("tar.gz", "gz", "tar", "zip"),
                    ArgSpec.optional("exclude", ArgType.LIST, null, "rsync-like patterns, relative to each path."),
                    ArgSpec.optional("force", ArgType.BOOL, false, "Replace an existing dest (only once the new archive "
                            + "is complete). Without force an existing dest is an error, never silently kept as if it "
                            + "were a new backup."),
                    ArgSpec.optional("compression_level", ArgType.INT, null, "tar.gz and zip: 1 (fastest) to 9 "
                            + "(smallest). Default: gzip's and zip's own (6). A backup of many small text files is made "
                            + "several times faster at 1, for a slightly larger file."),
                    ArgSpec.optional("mode", ArgType.MODE, "0600", "Octal mode of the archive."),
                    ArgSpec.optional("owner", ArgType.STRING, null, "Owner of the archive."),
                    ArgSpec.optional("group", ArgType.STRING, null, "Group of the archive.")),
            false, """
            archive:
              path: /var/www/shop
              dest: /var/backups/shop-files-before-4.0.2.3.tar.gz
              exclude: [image/cache/, system/storage/cache/, "*.log"]
            """);

    @Override
    public Footprint footprint(Args args) {
        Resource dest = Resource.path(args.string("dest"));
        List<Resource> reads = new ArrayList<>();
        reads.add(dest);
        args.strings("path").forEach(p -> reads.add(Resource.path(p)));
        return new Footprint(reads, List.of(dest));
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        List<String> problems = new ArrayList<>(modeAndExcludeProblems("archive", args, "0600"));
        Long level = args.integer("compression_level");
        if (level != null && (level < 1 || level > 9)) {
            problems.add("compression_level must be 1 (fastest) to 9 (smallest), not " + level);
        }
        return problems;
    }

    /** {@code -N} for gzip and zip, or nothing for their default. */
    private static String level(Args args) {
        Long level = args.integer("compression_level");
        return level == null ? "" : "-" + level + " ";
    }

    /** One source: its parent directory and the names (relative to that parent) to pack. */
    record Source(String path, String parent, List<String> names, long bytes) {
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String dest = args.string("dest");
        String existing = existing(ctx, dest);
        boolean exists = existing != null;
        if (exists && !args.bool("force")) {
            throw refusal(dest, existing);
        }
        List<Source> sources = new ArrayList<>();
        for (String p : args.strings("path")) {
            TreeListing l = TreeListing.probe(ctx, p, false);
            if (!l.exists()) {
                return Change.unknown(p + " does not exist yet on " + ctx.host() + "; an earlier task may create it");
            }
            sources.add(source(p, l, Sync.filter(args)));
        }
        StringBuilder listing = new StringBuilder();
        sources.forEach(s -> s.names().forEach(n -> listing.append("+ ").append(n).append('\n')));
        return new Change(exists ? ChangeKind.CHANGE : ChangeKind.CREATE, "would " + (exists ? "rebuild " : "create ")
                + dest + " (" + format(args) + ", " + describe(sources) + ")" + (exists ? ", replacing the archive there ("
                + existing + ")" : ""), listing.toString(), null, null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String dest = args.string("dest");
        String existing = existing(ctx, dest);
        if (existing != null && !args.bool("force")) {
            throw refusal(dest, existing);
        }
        List<Source> sources = new ArrayList<>();
        for (String p : args.strings("path")) {
            TreeListing l = TreeListing.probe(ctx, p, false);
            if (!l.exists()) {
                throw new ModuleException("cannot archive " + p + ": it does not exist on " + ctx.host());
            }
            sources.add(source(p, l, Sync.filter(args)));
        }
        String format = format(args);
        String tmp = TargetOps.run(ctx, "mktemp \"$(dirname -- " + ShellQuote.quote(dest) + ")/.runbook-archive.XXXXXX\"",
                new byte[0], "creating a temporary file beside " + dest).stdout().strip();
        try {
            for (Source s : sources) {
                pack(ctx, s, format, tmp, level(args));
            }
            TargetOps.run(ctx, finish(format, tmp, dest, args), new byte[0], "finishing " + dest);
        } finally {
            String t = ShellQuote.quote(tmp);
            ctx.run(CommandRequest.of(new Command.Shell("rm -f -- " + t + " " + t + ".zip " + t + ".gz")));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dest", dest);
        data.put("format", format);
        data.put("entries", sources.stream().mapToInt(s -> s.names().size()).sum());
        data.put("replaced", existing != null);
        return new ModuleResult(true, false, (existing == null ? "created " : "rebuilt ") + dest + " (" + format + ", "
                + describe(sources) + ")" + (existing == null ? "" : ", replacing the older archive (force)"), data, null);
    }

    private static void pack(ModuleContext ctx, Source s, String format, String tmp, String level)
            throws ModuleException, ConnectionException, InterruptedException {
        String cd = "cd " + ShellQuote.quote(s.parent()) + " && ";
        if (format.equals("zip")) {
            StringBuilder names = new StringBuilder();
            for (String n : s.names()) {
                if (n.contains("\n")) {
                    throw new ModuleException("cannot put '" + n + "' in a zip: its name holds a line break; use format: tar.gz");
                }
                names.append(n).append('\n');
            }
            TargetOps.run(ctx, "command -v zip >/dev/null || { echo 'the zip program is not installed' >&2; exit 127; }\n"
                    + cd + "zip -q -y -X " + level + "-@ " + ShellQuote.quote(tmp + ".zip"),
                    names.toString().getBytes(StandardCharsets.UTF_8), "packing " + s.path());
        } else {
            // Names go in as written (no "./" prefix) so the archive holds shop/..., and --null
            // turns off option parsing in the list, so a name starting with '-' is safe.
            java.io.ByteArrayOutputStream list = new java.io.ByteArrayOutputStream();
            for (String n : s.names()) {
                list.writeBytes(n.getBytes(StandardCharsets.UTF_8));
                list.write(0);
            }
            TargetOps.run(ctx, cd + "tar -rf " + ShellQuote.quote(tmp) + " --null --no-recursion -T -",
                    list.toByteArray(), "packing " + s.path());
        }
    }

    /** Compresses if needed, sets mode and owner, and renames over dest. */
    private static String finish(String format, String tmp, String dest, Args args) {
        String t = ShellQuote.quote(tmp);
        String work = switch (format) {
            case "zip" -> t + ".zip";
            case "tar.gz" -> t + ".gz";
            default -> t;
        };
        StringBuilder s = new StringBuilder("set -e\n");
        if (format.equals("tar.gz")) {
            s.append("gzip -n -c ").append(level(args)).append(t).append(" > ").append(work).append('\n');
        }
        s.append("chmod ").append(Integer.toOctalString(args.mode("mode"))).append(' ').append(work).append('\n');
        if (args.has("owner") || args.has("group")) {
            String spec = (args.has("owner") ? args.string("owner") : "") + (args.has("group") ? ":" + args.string("group") : "");
            s.append("chown ").append(ShellQuote.quote(spec)).append(' ').append(work).append('\n');
        }
        s.append("mv -f -- ").append(work).append(' ').append(ShellQuote.quote(dest)).append('\n');
        return s.toString();
    }

    static Source source(String path, TreeListing l, PathFilter filter) {
        String clean = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = clean.lastIndexOf('/');
        String parent = slash < 0 ? "." : slash == 0 ? "/" : clean.substring(0, slash);
        String base = clean.substring(slash + 1);
        List<String> names = new ArrayList<>(List.of(base));
        long bytes = 0;
        for (TreeEntry e : l.entries().values()) {
            if (!filter.excludes(e.path(), e.isDir())) {
                names.add(base + "/" + e.path());
                bytes += e.isFile() ? e.size() : 0;
            }
        }
        return new Source(path, parent, names, bytes);
    }

    /** "made 2026-11-29 12:00:00 UTC, 12345 bytes" for an existing dest, null when there is none. */
    private static String existing(ModuleContext ctx, String dest) throws ModuleException, ConnectionException, InterruptedException {
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell("f=" + ShellQuote.quote(dest)
                + "; if [ -d \"$f\" ]; then echo dir; elif [ -e \"$f\" ]; then TZ=UTC stat -c 'made %y UTC, %s bytes' -- \"$f\"; fi")));
        String out = r.stdout().strip();
        if (out.equals("dir")) {
            throw new ModuleException("dest " + dest + " is a directory; give the archive's file name, such as " + dest + "/backup.tar.gz");
        }
        return out.isEmpty() ? null : out.replaceAll("\\.\\d+ \\+0000 UTC", " UTC");
    }

    private static ModuleException refusal(String dest, String existing) {
        return new ModuleException(dest + " already exists (" + existing + "); it is kept and no new archive was made. "
                + "Give each backup its own name (a date or version in the file name), or set force: true to replace it");
    }

    static String format(Args args) {
        if (args.has("format")) {
            return args.string("format").equals("gz") ? "tar.gz" : args.string("format");
        }
        String d = args.string("dest");
        return d.endsWith(".zip") ? "zip" : d.endsWith(".tar") ? "tar" : "tar.gz";
    }

    private static String describe(List<Source> sources) {
        int n = sources.stream().mapToInt(s -> s.names().size()).sum();
        long bytes = sources.stream().mapToLong(Source::bytes).sum();
        return n + " entries, " + bytes + " bytes of files";
    }

    /** Problems shared by the modules that take an octal {@code mode} and rsync-like {@code exclude} patterns. */
    static List<String> modeAndExcludeProblems(String module, Args args, String example) {
        List<String> problems = new ArrayList<>();
        if (args.has("mode") && args.mode("mode") == null) {
            problems.add(module + "'s mode must be octal, such as '" + example + "'; got '" + args.string("mode") + "'");
        }
        try {
            PathFilter.of(args.strings("exclude"));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }
}
