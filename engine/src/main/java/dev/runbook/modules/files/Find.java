package dev.runbook.modules.files;

import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Footprint;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import dev.runbook.modules.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Ansible's find: files, directories or links under paths on the target that match names, age,
 * size or content. Read-only, so plans run it as apply does and its result is known.
 */
public final class Find implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("find",
            "Finds files, directories or links on the target by name, age, size or content, as Ansible's find: registers "
                    + "`files` (path, mode, size, mtime, ... of each), `matched` and `examined`. Read-only: plans show the same result.",
            List.of(
                    ArgSpec.required("paths", ArgType.LIST, "Directories to search (a list, or a comma-separated string).")
                            .withAliases("name", "path"),
                    ArgSpec.optional("patterns", ArgType.LIST, List.of(), "Names to keep: shell globs, or Python regexes "
                            + "with use_regex (matched at the start of the name). Empty: every name.").withAliases("pattern"),
                    ArgSpec.optional("excludes", ArgType.LIST, null, "Names to drop among those patterns kept, in the same form.")
                            .withAliases("exclude"),
                    ArgSpec.optional("contains", ArgType.STRING, null, "A Python regex that a line of the file must match "
                            + "from its start (files only)."),
                    ArgSpec.optional("read_whole_file", ArgType.BOOL, false, "Search contains anywhere in the whole file instead."),
                    ArgSpec.optional("file_type", ArgType.STRING, "file", "What to find.").withChoices("file", "directory", "link", "any"),
                    ArgSpec.optional("recurse", ArgType.BOOL, false, "Search subdirectories too."),
                    ArgSpec.optional("depth", ArgType.INT, null, "With recurse: how many levels down to look (1: only the paths' own entries)."),
                    ArgSpec.optional("hidden", ArgType.BOOL, false, "Include names that start with a dot."),
                    ArgSpec.optional("follow", ArgType.BOOL, false, "Follow symbolic links to directories while recursing (a link is then described by what it points to)."),
                    ArgSpec.optional("age", ArgType.STRING, null, "Keep what is at least this old (e.g. 2d, 4w, 30m), or at most "
                            + "with a minus sign (-1h)."),
                    ArgSpec.optional("age_stamp", ArgType.STRING, "mtime", "Which time age compares.").withChoices("mtime", "atime", "ctime"),
                    ArgSpec.optional("size", ArgType.STRING, null, "Keep files at least this large (e.g. 10m, 1g), or at most "
                            + "with a minus sign (-1k)."),
                    ArgSpec.optional("use_regex", ArgType.BOOL, false, "patterns and excludes are Python regexes, not globs."),
                    ArgSpec.optional("get_checksum", ArgType.BOOL, false, "Add the sha1 checksum of each file found.")),
            false, """
            find:
              paths: /var/www/shop
              patterns: config.php
              contains: ".*DIR_APPLICATION"
              recurse: true
              depth: 2
            register: configs
            """);

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.readsOnly(paths(args).stream().map(Resource::path).toArray(Resource[]::new));
    }

    @Override
    public List<String> validate(Args args) {
        try {
            filters(args);
            if (args.has("contains")) {
                PyRegex.compile(args.string("contains"), "contains");
            }
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ModuleResult r = apply(ctx, args);
        return new Change(ChangeKind.NONE, r.msg(), null, r.data(), null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        FindFilters filters;
        try {
            filters = filters(args);
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
        String type = args.string("file_type");
        boolean recurse = args.bool("recurse");
        Long depth = args.integer("depth");
        int maxDepth = !recurse ? 1 : depth == null || depth <= 0 ? 0 : (int) (depth + 1);
        Pattern contains = args.has("contains") ? PyRegex.compile(args.string("contains"), "contains") : null;
        List<Map<String, Object>> files = new ArrayList<>();
        Map<String, Object> skipped = new LinkedHashMap<>();
        int examined = 0;
        for (String path : paths(args)) {
            FindWalk.Listing listing = FindWalk.list(ctx, path, maxDepth, args.bool("follow"));
            if (listing.skipped() != null) {
                skipped.put(path, listing.skipped());
            }
            examined += listing.entries().size();
            for (FindWalk.Entry e : listing.entries()) {
                if ((recurse && depth != null && depth > 0 && e.depth() > depth) || !args.bool("hidden") && e.name().startsWith(".")) {
                    continue;
                }
                if (!wanted(e, type, filters, listing.now(), args.string("age_stamp"))
                        || type.equals("file") && contains != null && !contains(ctx, e.path(), contains, args.bool("read_whole_file"))) {
                    continue;
                }
                Map<String, Object> r = FindResult.describe(e);
                if (args.bool("get_checksum") && e.type() == 'f') {
                    r.put("checksum", sha1(read(ctx, e.path())));
                }
                files.add(r);
            }
        }
        String msg = skipped.isEmpty() ? "All paths examined" : "Not all paths examined, check warnings for details";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("files", files);
        data.put("matched", files.size());
        data.put("examined", examined);
        data.put("skipped_paths", skipped);
        data.put("msg", msg);
        String shown = files.size() + (files.size() == 1 ? " match" : " matches") + " among " + examined + " entries examined"
                + (skipped.isEmpty() ? "" : "; skipped: " + String.join("; ", skipped.values().stream().map(String::valueOf).toList()));
        return new ModuleResult(false, false, shown, data, null);
    }

    private static boolean wanted(FindWalk.Entry e, String type, FindFilters f, double now, String stamp) {
        double time = switch (stamp) {
            case "atime" -> e.atime();
            case "ctime" -> e.ctime();
            default -> e.mtime();
        };
        if (!f.name(e.name()) || !f.age(now, time)) {
            return false;
        }
        return switch (type) {
            case "any" -> e.type() != 'f' || f.size(e.size());
            case "directory" -> e.type() == 'd';
            case "link" -> e.type() == 'l';
            default -> e.type() == 'f' && f.size(e.size());
        };
    }

    /** Ansible's contentfilter: a line matches from its start, or the whole file anywhere; unreadable text never matches. */
    private static boolean contains(ModuleContext ctx, String path, Pattern regex, boolean wholeFile)
            throws ConnectionException, InterruptedException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(read(ctx, path))).toString();
        } catch (CharacterCodingException | ModuleException e) {
            return false;
        }
        if (wholeFile) {
            return regex.matcher(text).find();
        }
        for (String line : text.split("(?<=\n)")) {
            if (regex.matcher(line).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    private static byte[] read(ModuleContext ctx, String path) throws ModuleException, ConnectionException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ctx.connection().download(path, out);
        } catch (IOException e) {
            throw new ModuleException("cannot read " + path + " on " + ctx.host() + ": " + e.getMessage());
        }
        return out.toByteArray();
    }

    private static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FindFilters filters(Args args) {
        return new FindFilters(list(args, "patterns"), list(args, "excludes"), args.bool("use_regex"),
                args.string("age"), args.string("size"));
    }

    private static List<String> paths(Args args) {
        return list(args, "paths");
    }

    /** Ansible's list type: a plain string is split on commas (a one-item list is taken for one). */
    private static List<String> list(Args args, String name) {
        if (!args.has(name)) {
            return List.of();
        }
        List<String> given = args.strings(name);
        if (given.size() == 1 && given.get(0).contains(",")) {
            return List.of(given.get(0).split(",")).stream().map(String::strip).toList();
        }
        return given;
    }

    @Override
    public boolean isReadOnly(Map<String, Object> args) {
        return true;
    }
}
