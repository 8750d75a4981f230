package dev.runbook.modules.files;

import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.FileAttrs;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * copy with {@code remote_src}: a file already on the host copied to dest on the same host,
 * compared by the sha256 of both, written through a temporary file beside dest.
 */
final class RemoteCopy {
    private RemoteCopy() {
    }

    static Plan plan(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String src = args.string("src");
        String dest = args.string("dest");
        String trimmed = Copy.trim(dest);
        String name = src.substring(src.lastIndexOf('/') + 1);
        Wanted w = Wanted.from(args);
        Probe p = FileProbe.run(ctx, new FileProbe.Query(List.of(src, trimmed, trimmed + "/" + name, Copy.parent(trimmed)),
                w.owner(), w.group(), "sha256sum"));
        RemoteFile from = p.file(0);
        requireFile(from);
        Attributes.requireIds(w, p);
        Probe destProbe = new Probe(p.files().subList(1, 4), p.ownerId(), p.groupId(), p.umask());
        CopyFile.Choice c = CopyFile.choose(dest, name, destProbe);
        RemoteFile to = c.file();
        Probe target = new Probe(List.of(to), p.ownerId(), p.groupId(), p.umask());
        if (to.exists() && !to.isFile()) {
            throw new ModuleException(to.path() + " is " + to.describe() + ", not a regular file");
        }
        if (to.exists() && (!args.bool("force") || from.checksum().equals(to.checksum()))) {
            return unchangedContent(args, target, from);
        }
        Plan plan = decide(args, from, to, p.umask());
        if (ctx.diff() && from.stat().size() <= ContentWriter.MAX_DIFF_BYTES
                && (!to.exists() || to.stat().size() <= ContentWriter.MAX_DIFF_BYTES)) {
            byte[] before = to.exists() ? Steps.read(ctx, to.path()) : null;
            plan = new Plan(plan.change().withDiff(UnifiedDiff.of(before, Steps.read(ctx, src), to.path())), plan.done(), plan.actions());
        }
        if (c.makeDir()) {
            List<Action> actions = new ArrayList<>(List.of(new Action.Shell(Copy.mkdirP(trimmed), "create directory " + trimmed)));
            actions.addAll(plan.actions());
            plan = new Plan(plan.change(), plan.done(), actions);
        }
        return plan;
    }

    private static void requireFile(RemoteFile from) throws ModuleException {
        if (!from.exists() || from.stat() == null) {
            throw new MissingOnHost("src " + from.path() + " does not exist on the host (remote_src: true reads src on the "
                    + "host, not on the controller)", from.path());
        }
        if (from.isDir()) {
            throw new ModuleException("src " + from.path() + " is a directory; remote_src copies single files (use sync, or "
                    + "command: cp -a, for directories)");
        }
        if (from.checksum() == null) {
            throw new ModuleException("cannot read src " + from.path() + " on the host (permission denied? try become)");
        }
    }

    /** Content already right (or force: false): only attributes may change. */
    private static Plan unchangedContent(Args args, Probe target, RemoteFile from) throws ModuleException {
        RemoteFile to = target.first();
        Map<String, Object> result = result(to.path(), args.string("src"), from);
        if (!args.bool("force") && !from.checksum().equals(to.checksum())) {
            result.put("changed", false);
            return Plan.none(new Change(ChangeKind.NONE, to.path() + " exists; not replaced (force: false)", null, result, null));
        }
        Attributes.Fix fix = Attributes.fix(Wanted.from(args), to.stat(), target, to.path(), true);
        result.put("changed", !fix.isEmpty());
        if (fix.isEmpty()) {
            return Plan.none(new Change(ChangeKind.NONE, to.path() + " is up to date", null, result, from.checksum()));
        }
        String what = String.join(", ", fix.changes()) + " on " + to.path();
        return new Plan(new Change(ChangeKind.CHANGE, "would change " + what, null, result, from.checksum()), "changed " + what,
                List.of(new Action.Shell(fix.script(), "set attributes of " + to.path())));
    }

    static Plan decide(Args args, RemoteFile from, RemoteFile to, int umask) {
        FileAttrs attrs = Attributes.forWrite(Wanted.from(args), to.stat(), umask);
        List<Action> actions = new ArrayList<>();
        if (args.bool("backup") && to.exists()) {
            actions.add(new Action.Backup(to.path()));
        }
        actions.add(new Action.Shell(script(from.path(), to.path(), attrs, args.string("validate")), "copy " + from.path()
                + " to " + to.path()));
        Map<String, Object> result = result(to.path(), args.string("src"), from);
        result.put("mode", Modes.format(attrs.mode()));
        result.put("changed", true);
        String what = (to.exists() ? "update " : "create ") + to.path() + " from " + from.path() + " (" + from.stat().size() + " bytes)";
        return new Plan(new Change(to.exists() ? ChangeKind.CHANGE : ChangeKind.CREATE, "would " + what, null, result,
                to.exists() ? to.checksum() : "absent"), ContentWriter.past(what), actions);
    }

    /** cp to a temporary file beside dest, attributes, optional validation, then an atomic rename. */
    static String script(String src, String dest, FileAttrs attrs, String validate) {
        String d = ShellQuote.quote(dest);
        String dir = ShellQuote.quote(Copy.parent(dest));
        StringBuilder sb = new StringBuilder("t=$(mktemp ").append(dir).append("/.runbook-copy.XXXXXX) || exit 1\n")
                .append("cp -- ").append(ShellQuote.quote(src)).append(" \"$t\" && chmod ").append(Modes.format(attrs.mode()))
                .append(" \"$t\"");
        if (attrs.owner() != null) {
            sb.append(" && chown ").append(ShellQuote.quote(attrs.owner())).append(" \"$t\"");
        }
        if (attrs.group() != null) {
            sb.append(" && chgrp ").append(ShellQuote.quote(attrs.group())).append(" \"$t\"");
        }
        sb.append(" || { rm -f \"$t\"; exit 1; }\n");
        if (validate != null) {
            sb.append("if ! ").append(validate.replace("%s", "\"$t\"")).append("; then rm -f \"$t\"; echo ")
                    .append(ShellQuote.quote("validation failed, " + dest + " left unchanged: " + validate)).append(" >&2; exit 1; fi\n");
        }
        return sb.append("mv -f \"$t\" ").append(d).toString();
    }

    private static Map<String, Object> result(String dest, String src, RemoteFile from) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dest", dest);
        m.put("src", src);
        m.put("checksum", from.checksum());
        m.put("size", from.stat().size());
        return m;
    }
}
