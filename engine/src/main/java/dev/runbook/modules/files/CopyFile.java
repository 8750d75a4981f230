package dev.runbook.modules.files;

import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** copy (and template) of one piece of content to one target path. */
final class CopyFile {
    private CopyFile() {
    }

    /**
     * @param name the src file's name, used when dest is a directory; null for inline content
     */
    static Plan plan(ModuleContext ctx, Args args, Content content, String name)
            throws ModuleException, ConnectionException, InterruptedException {
        String dest = args.string("dest");
        String trimmed = Copy.trim(dest);
        String inside = trimmed + "/" + (name == null ? "." : name);
        Wanted w = Wanted.from(args);
        Probe p = FileProbe.run(ctx, new FileProbe.Query(List.of(trimmed, inside, Copy.parent(trimmed)),
                w.owner(), w.group(), "sha256sum"));
        Choice c = choose(dest, name, p);
        if (!args.bool("force") && c.file().exists()) {
            Change none = Change.none(c.file().path() + " exists; not replaced (force: false)")
                    .withResult(Map.of("changed", false, "dest", c.file().path()));
            return Plan.none(none);
        }
        RemoteFile file = args.bool("follow") ? followed(c.file()) : c.file();
        ContentWriter.Target t = new ContentWriter.Target(file.path(), content, w, args.bool("backup"),
                args.string("validate"), "dest");
        Plan plan = ContentWriter.planFor(ctx, t, new Probe(List.of(file), p.ownerId(), p.groupId(), p.umask()));
        Change ch = plan.change().withResult(Copy.withSrc(plan.change().result(), args.string("src")));
        plan = new Plan(ch, plan.done(), plan.actions());
        return c.makeDir() ? withDirectory(plan, trimmed) : plan;
    }

    /**
     * With follow, a link's target is written (and the link kept); a relative target is relative
     * to the link's directory. A dangling link is written through too, creating its target.
     */
    static RemoteFile followed(RemoteFile f) {
        if (!f.isLink()) {
            return f;
        }
        String target = f.linkTarget().startsWith("/") ? f.linkTarget() : Copy.parent(f.path()) + "/" + f.linkTarget();
        return new RemoteFile(target, f.stat(), null, f.stat(), f.checksum());
    }

    /** Where the content goes, and whether dest (ending in "/") must be created first. */
    record Choice(RemoteFile file, boolean makeDir) {
    }

    static Choice choose(String dest, String name, Probe p) throws ModuleException {
        RemoteFile d = p.file(0);
        boolean slash = dest.endsWith("/");
        if (name == null && (slash || d.isDir())) {
            throw new ModuleException("dest " + dest + " is a directory; with content, dest must be the path of a file");
        }
        if (name != null && (slash || d.isDir())) {
            if (d.exists() && !d.isDir()) {
                throw new ModuleException("dest " + dest + " ends with / but is " + d.describe() + ", not a directory");
            }
            return new Choice(p.file(1), !d.exists());
        }
        RemoteFile parent = p.file(2);
        if (!parent.isDir()) {
            throw new MissingOnHost("destination directory " + parent.path() + " does not exist (create it with the file "
                    + "module, state: directory, or end dest with / to have copy create it)", parent.path());
        }
        return new Choice(d, false);
    }

    /** The plan preceded by creating dest as a directory. */
    private static Plan withDirectory(Plan plan, String dir) {
        List<Action> actions = new ArrayList<>();
        actions.add(new Action.Shell(Copy.mkdirP(dir), "create directory " + dir));
        actions.addAll(plan.actions());
        Change c = plan.change();
        Change created = new Change(ChangeKind.CREATE, c.summary() + " in new directory " + dir, c.diff(), c.result(), c.probe());
        return new Plan(created, plan.done() + " in new directory " + dir, actions);
    }
}
