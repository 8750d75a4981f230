package dev.runbook.modules.archive;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Extracts a zip, tar or tar.gz into a directory, file by file: the controller reads the archive
 * (a remote_src one is fetched from the target first), compares every entry's sha256 with the
 * destination, and only entries that differ are sent, unpacked into a staging directory on the
 * target and laid over dest. Files in dest that the archive lacks are never removed.
 */
public final class Unarchive implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("unarchive",
            "Extract a .zip, .tar or .tar.gz into a directory on the target, writing only files that differ. "
                    + "A sub-tree of the archive can be selected, paths excluded, and entries that would escape "
                    + "dest are refused.",
            List.of(
                    ArgSpec.required("src", ArgType.STRING, "The archive: a controller path (relative to the runbook), "
                            + "or a path on the target with remote_src: true."),
                    ArgSpec.required("dest", ArgType.STRING, "The directory to extract into; created when missing."),
                    ArgSpec.optional("remote_src", ArgType.BOOL, false, "src is a file on the target (for instance "
                            + "fetched by get_url in an earlier task)."),
                    ArgSpec.optional("subdir", ArgType.STRING, null, "Extract only this sub-tree of the archive, "
                            + "its contents going straight into dest (e.g. 'opencart-4.0.2.3/upload/')."),
                    ArgSpec.optional("exclude", ArgType.LIST, null, "rsync-like patterns, relative to dest: these "
                            + "entries are not extracted and existing files there are kept."),
                    ArgSpec.optional("rename", ArgType.LIST, null, "Directories of the archive (after subdir) that land "
                            + "under another name in dest, as a list of {src, dest}: [{src: admin, dest: shop-admin}] "
                            + "extracts admin/ into dest/shop-admin/. exclude then speaks of dest paths."),
                    ArgSpec.optional("creates", ArgType.STRING, null, "A path on the target; when it exists nothing is done."),
                    ArgSpec.optional("mode", ArgType.MODE, null, "Octal mode for every extracted file "
                            + "(default: the archive's, or 0644; directories get the archive's or 0755)."),
                    ArgSpec.optional("owner", ArgType.STRING, null, "Owner of extracted entries."),
                    ArgSpec.optional("group", ArgType.STRING, null, "Group of extracted entries.")),
            false, """
            unarchive:
              src: "{{ release_zip }}"
              remote_src: true
              dest: /var/www/shop
              subdir: opencart-4.0.2.3/upload/
              exclude: [config.php, /admin/config.php]
              owner: www-data
              group: www-data
            """);

    @Override
    public Footprint footprint(Args args) {
        List<Resource> reads = new ArrayList<>();
        Resource dest = Resource.path(args.string("dest"));
        reads.add(dest);
        if (args.bool("remote_src")) {
            reads.add(Resource.path(args.string("src")));
        }
        if (args.has("creates")) {
            reads.add(Resource.path(args.string("creates")));
        }
        return new Footprint(reads, List.of(dest));
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        List<String> problems = new ArrayList<>(Archive.modeAndExcludeProblems("unarchive", args, "0644"));
        try {
            Renames.of(args.list("rename"));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    private record State(Path archive, ArchiveLayout layout, Renames renames, Map<String, TreeEntry> mapped,
                         TreeListing dest, SyncPlan plan) {
        String listing() {
            return plan.listing(mapped, dest.entries());
        }
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        if (createsExists(ctx, args)) {
            return Change.none(args.string("creates") + " exists").withResult(Map.of("changed", false));
        }
        if (args.bool("remote_src") && !existsOnTarget(ctx, args.string("src"))) {
            return Change.unknown("archive " + args.string("src") + " is not on " + ctx.host()
                    + " yet; an earlier task may fetch it");
        }
        try (LocalArchive archive = LocalArchive.open(ctx, args)) {
            State s = state(ctx, args, archive.path());
            return PlanReport.change(s.plan(), s.dest().exists(), args.string("dest"), source(args), s.listing());
        }
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        if (createsExists(ctx, args)) {
            return ModuleResult.ok(args.string("creates") + " exists");
        }
        if (args.bool("remote_src") && !existsOnTarget(ctx, args.string("src"))) {
            throw new ModuleException("archive " + args.string("src") + " does not exist on " + ctx.host());
        }
        try (LocalArchive archive = LocalArchive.open(ctx, args)) {
            State s = state(ctx, args, archive.path());
            if (!s.plan().isEmpty()) {
                extract(ctx, args, s);
            }
            return PlanReport.result(s.plan(), args.string("dest"), source(args), s.listing());
        }
    }

    private static void extract(ModuleContext ctx, Args args, State s)
            throws ModuleException, ConnectionException, InterruptedException {
        String dest = args.string("dest");
        List<String> copies = s.plan().copies();
        TargetOps.remove(ctx, dest, s.plan().retype());
        List<String> writes = writes(s);
        if (!writes.isEmpty()) {
            send(ctx, args, s, writes);
        }
        TargetOps.chown(ctx, dest, copies, args.string("owner"), args.string("group"));
    }

    /**
     * The entries to write. An existing directory the archive gives no mode for is only
     * re-owned: writing it would impose a default mode the plan never compared.
     */
    private static List<String> writes(State s) {
        Set<String> updated = new HashSet<>(s.plan().update());
        updated.removeAll(s.plan().retype());
        List<String> out = new ArrayList<>();
        for (String p : s.plan().copies()) {
            TreeEntry e = s.mapped().get(p);
            if (!(updated.contains(p) && e.isDir() && e.mode() < 0)) {
                out.add(p);
            }
        }
        return out;
    }

    private static void send(ModuleContext ctx, Args args, State s, List<String> copies)
            throws ModuleException, ConnectionException, InterruptedException {
        String dest = args.string("dest");
        Path tar = null;
        try {
            tar = Files.createTempFile("runbook-unarchive", ".tar");
            Integer mode = args.mode("mode");
            try (OutputStream out = Files.newOutputStream(tar)) {
                ArchivePayload.write(s.archive(), s.layout(), s.renames(), s.mapped(), new LinkedHashSet<>(copies),
                        mode == null ? -1 : mode, out);
            }
            TargetOps.overlay(ctx, tar, dest, copies);
        } catch (IOException e) {
            throw new ModuleException("cannot read " + args.string("src") + ": " + e.getMessage(), e);
        } catch (ArchiveLayout.UnsafeArchive e) {
            throw new ModuleException(e.getMessage());
        } finally {
            Sync.deleteQuietly(tar);
        }
    }

    private static State state(ModuleContext ctx, Args args, Path archive)
            throws ModuleException, ConnectionException, InterruptedException {
        ArchiveLayout layout = new ArchiveLayout(args.string("subdir"));
        Renames renames = Sync.renames(args);
        Map<String, TreeEntry> mapped;
        try {
            mapped = new HashMap<>(renames.apply(layout.map(ArchiveReader.list(archive))));
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        } catch (IOException e) {
            throw new ModuleException("cannot read archive " + args.string("src") + ": " + e.getMessage(), e);
        } catch (ArchiveLayout.UnsafeArchive e) {
            throw new ModuleException(e.getMessage());
        }
        Integer mode = args.mode("mode");
        if (mode != null) {
            mapped.replaceAll((k, e) -> e.isFile() ? e.withMode(mode) : e);
        }
        TreeListing dest = TreeListing.probe(ctx, args.string("dest"), false);
        if (dest.exists() && !dest.isDir()) {
            throw new ModuleException("dest " + args.string("dest") + " exists on " + ctx.host() + " but is not a directory");
        }
        PathFilter filter = Sync.filter(args);
        dest = dest.withHashes(TreeListing.hashes(ctx, args.string("dest"), SyncPlan.hashCandidates(mapped, dest.entries(), filter)));
        SyncPlan.refuseLinkReplacement(mapped, dest.entries(), filter, args.string("dest"));
        SyncPlan plan = SyncPlan.compute(mapped, dest.entries(), filter,
                new SyncPlan.Options(false, true, args.string("owner"), args.string("group")));
        return new State(archive, layout, renames, mapped, dest, plan);
    }

    private static boolean createsExists(ModuleContext ctx, Args args) throws ConnectionException, InterruptedException {
        return args.has("creates") && existsOnTarget(ctx, args.string("creates"));
    }

    static boolean existsOnTarget(ModuleContext ctx, String path) throws ConnectionException, InterruptedException {
        return ctx.run(CommandRequest.readOnly(Command.Argv.of("test", "-e", path))).exitCode() == 0;
    }

    private static String source(Args args) {
        return args.string("src") + (args.has("subdir") ? ":" + args.string("subdir") : "");
    }
}
