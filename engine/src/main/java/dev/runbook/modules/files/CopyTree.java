package dev.runbook.modules.files;

import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * copy of a controller directory: {@code src: dir} lands in {@code dest/dir}, {@code src: dir/}
 * puts the contents straight into dest. One probe covers every directory and file.
 */
final class CopyTree {
    private CopyTree() {
    }

    /** One path of the local tree, relative to src ("" for the root). */
    record Item(String rel, Path local, boolean dir) {
    }

    static Plan plan(ModuleContext ctx, Args args, Path localRoot) throws ModuleException, ConnectionException, InterruptedException {
        String src = args.string("src");
        String dest = Copy.trim(args.string("dest"));
        String root = src.endsWith("/") ? dest : dest + "/" + localRoot.getFileName();
        List<Item> items = walk(localRoot);
        List<String> paths = new ArrayList<>();
        for (Item i : items) {
            paths.add(i.rel().isEmpty() ? root : root + "/" + i.rel());
        }
        Wanted w = Wanted.from(args);
        Probe p = FileProbe.run(ctx, new FileProbe.Query(paths, w.owner(), w.group(), "sha256sum"));
        Attributes.requireIds(w, p);
        Tally t = new Tally();
        for (int i = 0; i < items.size(); i++) {
            RemoteFile there = p.file(i);
            if (items.get(i).dir()) {
                directory(args, there, p.umask(), t);
            } else if (args.bool("force") || !there.exists()) {
                file(ctx, args, items.get(i), new Probe(List.of(there), p.ownerId(), p.groupId(), p.umask()), t);
            }
        }
        return t.plan(root, src, !p.file(0).exists());
    }

    private static void directory(Args args, RemoteFile there, int umask, Tally t) throws ModuleException {
        if (there.exists() && !there.isDir()) {
            throw new ModuleException(there.path() + " is " + there.describe() + " on the host, where src has a directory");
        }
        if (!there.exists()) {
            Object mode = args.get("directory_mode");
            String chmod = mode == null ? ""
                    : " && chmod " + Modes.format(Modes.resolve(mode, Modes.created(true, umask), true, umask)) + " -- "
                    + ShellQuote.quote(there.path());
            t.actions.add(new Action.Shell("mkdir -p -- " + ShellQuote.quote(there.path()) + chmod, "create directory " + there.path()));
            t.dirs++;
        }
    }

    private static void file(ModuleContext ctx, Args args, Item item, Probe p, Tally t)
            throws ModuleException, ConnectionException {
        Content content;
        try {
            content = Content.of(item.local());
        } catch (IOException e) {
            throw new ModuleException("cannot read " + item.local() + " on the controller: " + e.getMessage(), e);
        }
        ContentWriter.Target target = new ContentWriter.Target(p.first().path(), content, Wanted.from(args),
                args.bool("backup"), args.string("validate"), "dest");
        Plan plan = ContentWriter.planFor(ctx, target, p);
        if (!plan.changes()) {
            return;
        }
        t.actions.addAll(plan.actions());
        if (plan.change().diff() != null) {
            t.diff.append(plan.change().diff());
        }
        if (!p.first().exists()) {
            t.created++;
        } else {
            t.updated++;
        }
    }

    /** What the walk over the tree found to do. */
    private static final class Tally {
        final List<Action> actions = new ArrayList<>();
        final StringBuilder diff = new StringBuilder();
        int dirs;
        int created;
        int updated;

        Plan plan(String root, String src, boolean rootMissing) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("changed", !actions.isEmpty());
            result.put("dest", root);
            result.put("src", src);
            if (actions.isEmpty()) {
                return Plan.none(new Change(ChangeKind.NONE, root + " is up to date", null, result, null));
            }
            List<String> parts = new ArrayList<>();
            List<String> made = new ArrayList<>();
            if (dirs > 0) {
                made.add(count(dirs, "directory", "directories"));
            }
            if (created > 0) {
                made.add(count(created, "file", "files"));
            }
            if (!made.isEmpty()) {
                parts.add("create " + String.join(" and ", made));
            }
            if (updated > 0) {
                parts.add("update " + count(updated, "file", "files"));
            }
            String what = String.join(", ", parts.isEmpty() ? List.of("change attributes") : parts) + " under " + root;
            ChangeKind kind = rootMissing ? ChangeKind.CREATE : ChangeKind.CHANGE;
            Change c = new Change(kind, "would " + what, diff.length() == 0 ? null : diff.toString(), result, null);
            return new Plan(c, ContentWriter.past(what), actions);
        }

        private static String count(int n, String one, String many) {
            return n + " " + (n == 1 ? one : many);
        }
    }

    /** The local tree, parents before children, links followed (as Ansible's local_follow). */
    static List<Item> walk(Path root) throws ModuleException {
        try (Stream<Path> s = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            List<Item> out = new ArrayList<>();
            for (Path p : s.sorted().toList()) {
                String rel = root.relativize(p).toString();
                out.add(new Item(rel, p, Files.isDirectory(p)));
            }
            return out;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ModuleException("cannot read src directory " + root + " on the controller: " + e.getMessage(), e);
        }
    }
}
