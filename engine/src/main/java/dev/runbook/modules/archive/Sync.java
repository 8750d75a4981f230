package dev.runbook.modules.archive;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes a directory on the target match a source directory (on the target, or on the controller),
 * rsync-style: only entries that differ are copied, excluded entries are never touched, and
 * extra entries are removed only with {@code delete}. Check lists exactly the paths apply copies.
 */
public final class Sync implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("sync",
            "Make a directory on the target match a source directory, copying only what differs (rsync-like). "
                    + "The source is on the target, or on the controller with from: controller. Excluded paths are "
                    + "neither copied nor deleted, so a config.php in the destination survives.",
            List.of(
                    ArgSpec.required("src", ArgType.STRING, "The source directory (its contents are synced, like rsync's 'src/')."),
                    ArgSpec.required("dest", ArgType.STRING, "The destination directory on the target; created when missing."),
                    ArgSpec.optional("from", ArgType.STRING, "target", "Where src is: target or controller "
                            + "(a path relative to the runbook's directory).").withChoices("target", "controller"),
                    ArgSpec.optional("exclude", ArgType.LIST, null, "rsync-like patterns: 'config.php' (any depth), "
                            + "'/admin/config.php' (anchored), 'cache/' (directories), '*.log', 'storage/**'."),
                    ArgSpec.optional("rename", ArgType.LIST, null, "Source directories that land under another name "
                            + "in dest, as a list of {src, dest} (paths relative to src and dest): "
                            + "[{src: admin, dest: shop-admin}] syncs src/admin/ into dest/shop-admin/ and maps the rest "
                            + "1:1. exclude and delete then speak of dest paths."),
                    ArgSpec.optional("delete", ArgType.BOOL, false, "Remove destination entries the source lacks "
                            + "(never excluded ones, nor directories holding them). With rename, a dest directory named "
                            + "like a renamed source directory is such an entry."),
                    ArgSpec.optional("checksum", ArgType.BOOL, true, "Compare file contents by sha256. false compares "
                            + "size and modification time instead (faster on big trees, like rsync without -c)."),
                    ArgSpec.optional("owner", ArgType.STRING, null, "Owner of copied entries (compared too); "
                            + "default: the source's owner when root copies on the target, else the user's."),
                    ArgSpec.optional("group", ArgType.STRING, null, "Group of copied entries (compared too).")),
            false, """
            sync:
              src: /srv/releases/opencart-4.0.2.3/upload
              dest: /var/www/shop
              exclude: [config.php, /admin/config.php, image/cache/]
              delete: false
            """);

    @Override
    public Footprint footprint(Args args) {
        Resource dest = Resource.path(args.string("dest"));
        return fromController(args) ? Footprint.on(dest)
                : new Footprint(List.of(dest, Resource.path(args.string("src"))), List.of(dest));
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        List<String> problems = new ArrayList<>();
        try {
            PathFilter.of(args.strings("exclude"));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        try {
            Renames.of(args.list("rename"));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    /**
     * Both listings (the source keyed by destination paths) and the plan between them.
     * {@code srcRoot} is set for a controller source.
     */
    record State(Map<String, TreeEntry> src, TreeListing dest, SyncPlan plan, Path srcRoot, Renames renames) {
        String listing() {
            return plan.listing(src, dest.entries());
        }
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        State s;
        try {
            s = state(ctx, args);
        } catch (MissingSource e) {
            return Change.unknown(e.getMessage() + " yet; an earlier task may create it");
        }
        return PlanReport.change(s.plan(), s.dest().exists(), args.string("dest"), source(args), s.listing());
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        State s = state(ctx, args);
        SyncPlan plan = s.plan();
        String dest = args.string("dest");
        if (!plan.isEmpty()) {
            List<String> gone = new ArrayList<>(plan.remove());
            gone.addAll(plan.retype());
            TargetOps.remove(ctx, dest, gone);
            if (s.srcRoot() == null) {
                copy(ctx, args.string("src"), dest, plan.copies(), s.renames());
            } else {
                sendFromController(ctx, s, dest);
            }
            TargetOps.chown(ctx, dest, plan.copies(), args.string("owner"), args.string("group"));
        }
        return PlanReport.result(plan, dest, source(args), s.listing());
    }

    /** Copies on the target: paths outside any rename 1:1, then each renamed directory from its own source. */
    private static void copy(ModuleContext ctx, String src, String dest, List<String> copies, Renames renames)
            throws ModuleException, ConnectionException, InterruptedException {
        for (Map.Entry<Renames.Rename, List<String>> g : renames.groups(copies).entrySet()) {
            Renames.Rename r = g.getKey();
            if (r == null) {
                TargetOps.copy(ctx, src, dest, g.getValue());
            } else {
                TargetOps.copy(ctx, src + "/" + r.src(), dest + "/" + r.dest(), g.getValue());
            }
        }
    }

    private static void sendFromController(ModuleContext ctx, State s, String dest)
            throws ModuleException, ConnectionException, InterruptedException {
        Path tar = null;
        try {
            tar = Files.createTempFile("runbook-sync", ".tar");
            try (OutputStream out = Files.newOutputStream(tar)) {
                ControllerTree.pack(s.srcRoot(), s.src(), s.plan().copies(), s.renames()::source, out);
            }
            TargetOps.overlay(ctx, tar, dest, s.plan().copies());
        } catch (IOException e) {
            throw new ModuleException("cannot pack " + s.srcRoot() + " on the controller: " + e.getMessage(), e);
        } finally {
            deleteQuietly(tar);
        }
    }

    static State state(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        PathFilter filter = filter(args);
        Renames renames = renames(args);
        boolean checksum = args.bool("checksum");
        Path srcRoot = fromController(args) ? ctx.controllerPath(args.string("src")) : null;
        TreeListing srcListing = srcRoot == null ? targetSource(ctx, args) : null;
        Map<String, TreeEntry> raw = srcRoot != null ? controllerSource(srcRoot) : srcListing.entries();
        Map<String, TreeEntry> src = renamed(renames, raw);
        TreeListing dest = TreeListing.probe(ctx, args.string("dest"), false);
        if (dest.exists() && !dest.isDir()) {
            throw new ModuleException("dest " + args.string("dest") + " exists on " + ctx.host() + " but is not a directory");
        }
        if (checksum) {
            List<String> both = SyncPlan.hashCandidates(src, dest.entries(), filter);
            List<String> inSource = both.stream().map(renames::source).toList();
            raw = srcRoot != null ? controllerHashes(srcRoot, raw, inSource)
                    : srcListing.withHashes(TreeListing.hashes(ctx, args.string("src"), inSource)).entries();
            src = renamed(renames, raw);
            dest = dest.withHashes(TreeListing.hashes(ctx, args.string("dest"), both));
        }
        SyncPlan.refuseLinkReplacement(src, dest.entries(), filter, args.string("dest"));
        SyncPlan plan = SyncPlan.compute(src, dest.entries(), filter,
                new SyncPlan.Options(args.bool("delete"), checksum, args.string("owner"), args.string("group")));
        return new State(src, dest, plan, srcRoot, renames);
    }

    private static TreeListing targetSource(ModuleContext ctx, Args args)
            throws ModuleException, ConnectionException, InterruptedException {
        refuseNesting(args.string("src"), args.string("dest"));
        TreeListing l = TreeListing.probe(ctx, args.string("src"), false);
        if (!l.exists()) {
            throw new MissingSource("source " + args.string("src") + " does not exist on " + ctx.host());
        }
        if (!l.isDir()) {
            throw new ModuleException("source " + args.string("src") + " on " + ctx.host() + " is not a directory");
        }
        return l;
    }

    private static Map<String, TreeEntry> controllerSource(Path root) throws ModuleException {
        if (!Files.isDirectory(root)) {
            throw new ModuleException("source " + root + " on the controller " + (Files.exists(root)
                    ? "is not a directory" : "does not exist") + " (from: controller reads paths relative to the runbook)");
        }
        try {
            return ControllerTree.list(root, false);
        } catch (IOException e) {
            throw new ModuleException("cannot read " + root + " on the controller: " + e.getMessage(), e);
        }
    }

    private static Map<String, TreeEntry> controllerHashes(Path root, Map<String, TreeEntry> src, List<String> paths)
            throws ModuleException {
        try {
            return ControllerTree.withHashes(root, src, paths);
        } catch (IOException e) {
            throw new ModuleException("cannot read " + root + " on the controller: " + e.getMessage(), e);
        }
    }

    /**
     * src inside dest would be deleted by delete: true, and dest inside src would be copied into
     * itself again on every run; both are mistakes a message can explain.
     */
    static void refuseNesting(String src, String dest) throws ModuleException {
        String s = trimSlashes(src);
        String d = trimSlashes(dest);
        if (s.equals(d) || d.startsWith(s + "/") || s.startsWith(d + "/") || s.isEmpty() || d.isEmpty()) {
            throw new ModuleException("src " + src + " and dest " + dest + " overlap; sync needs two separate "
                    + "directories (copy the release somewhere else first, e.g. /var/tmp/release)");
        }
    }

    private static String trimSlashes(String path) {
        String p = path.replaceAll("/+", "/");
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** A target-side source that is not there: unknown in a plan (an earlier task may make it), a failure in apply. */
    static final class MissingSource extends ModuleException {
        MissingSource(String message) {
            super(message);
        }
    }

    static PathFilter filter(Args args) throws ModuleException {
        try {
            return PathFilter.of(args.strings("exclude"));
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
    }

    static Renames renames(Args args) throws ModuleException {
        try {
            return Renames.of(args.list("rename"));
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
    }

    private static Map<String, TreeEntry> renamed(Renames renames, Map<String, TreeEntry> src) throws ModuleException {
        try {
            return renames.apply(src);
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
    }

    private static boolean fromController(Args args) {
        return "controller".equals(args.string("from"));
    }

    private static String source(Args args) {
        return (fromController(args) ? "controller:" : "") + args.string("src");
    }

    static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a leftover temporary file on the controller is harmless
            }
        }
    }
}
