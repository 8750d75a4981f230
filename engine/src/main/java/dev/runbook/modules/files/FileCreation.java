package dev.runbook.modules.files;

import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import java.util.ArrayList;
import java.util.List;

/** The file module's states that create things: directory (when missing), touch, link, hard. */
final class FileCreation {
    private FileCreation() {
    }

    /** Creates the directory and each missing parent, each with the wanted attributes (as Ansible does). */
    static Plan mkdir(FileDecision.Request r, Probe p) {
        Integer mode = r.wanted().mode() == null ? null
                : Modes.resolve(r.wanted().mode(), Modes.created(true, p.umask()), true, p.umask());
        StringBuilder dirs = new StringBuilder();
        for (String d : ancestors(r.path())) {
            dirs.append(' ').append(ShellQuote.quote(d));
        }
        // Another host's run (or a parallel step) may create a shared parent at the same moment:
        // losing that race is fine, and only a directory made here gets the attributes.
        String script = "for d in" + dirs + "; do if [ ! -d \"$d\" ]; then if mkdir -- \"$d\" 2>/dev/null; then true"
                + newAttrs(r.wanted(), mode, "\"$d\"") + " || exit 1; elif [ ! -d \"$d\" ]; then mkdir -- \"$d\"; exit 1; fi; fi; done";
        int shown = mode == null ? Modes.created(true, p.umask()) : mode;
        String what = "directory " + r.path() + " (mode " + Modes.format(shown) + ")";
        Change c = new Change(ChangeKind.CREATE, "would create " + what, null,
                FileDecision.result(r, "directory", true, shown), "absent");
        return new Plan(c, "created " + what, List.of(new Action.Shell(script, "create directory " + r.path())));
    }

    static Plan touch(FileDecision.Request r, Probe p) throws ModuleException {
        RemoteFile cur = p.first();
        String q = ShellQuote.quote(r.path());
        if (!cur.exists()) {
            Integer mode = r.wanted().mode() == null ? null
                    : Modes.resolve(r.wanted().mode(), Modes.created(false, p.umask()), false, p.umask());
            int shown = mode == null ? Modes.created(false, p.umask()) : mode;
            String what = "empty file " + r.path() + " (mode " + Modes.format(shown) + ")";
            Change c = new Change(ChangeKind.CREATE, "would create " + what, null,
                    FileDecision.result(r, "file", true, shown), "absent");
            return new Plan(c, "created " + what, List.of(new Action.Shell("touch -- " + q + newAttrs(r.wanted(), mode, q),
                    "create " + r.path())));
        }
        Stat s = cur.effective(r.follow());
        if (s == null) {
            throw new MissingOnHost(r.path() + " is a link to a missing file (" + cur.linkTarget() + ")", cur.linkTarget());
        }
        // Unlike Ansible, touching an existing path leaves its times alone unless asked: an apply
        // that always reports a change would hide real changes in every run.
        boolean mtime = "now".equals(r.mtime());
        boolean atime = "now".equals(r.atime());
        Plan attrs = FileDecision.attributes(r, p, s, s.isDir() ? "directory" : "file", List.of());
        if (!mtime && !atime) {
            return attrs;
        }
        String flags = (r.follow() ? "" : "-h ") + (mtime && !atime ? "-m " : !mtime ? "-a " : "");
        List<Action> actions = new ArrayList<>(attrs.actions());
        actions.add(new Action.Shell("touch " + flags + "-- " + q, "touch " + r.path()));
        String what = "timestamps of " + r.path() + (attrs.changes() ? "; " + attrs.done() : "");
        Change c = new Change(ChangeKind.CHANGE, "would update " + what, null,
                FileDecision.result(r, s.isDir() ? "directory" : "file", true, modeOf(attrs, s)), FileDecision.key(cur));
        return new Plan(c, "updated " + what, actions);
    }

    static Plan link(FileDecision.Request r, Probe p) throws ModuleException {
        RemoteFile cur = p.first();
        RemoteFile src = p.file(1);
        String q = ShellQuote.quote(r.path());
        String qs = ShellQuote.quote(r.src());
        if (cur.isLink() && r.src().equals(cur.linkTarget())) {
            return FileDecision.attributes(noFollow(r), p, cur.lstat(), "link", List.of());
        }
        if (!r.force() && src.stat() == null) {
            throw new MissingOnHost("src " + src.path() + " does not exist on the host; create it first, or set "
                    + "force: true to create a link to a missing file", src.path());
        }
        String attrs = newAttrs(noFollow(r).wanted(), null, q).replace("chown ", "chown -h ").replace("chgrp ", "chgrp -h ");
        if (!cur.exists()) {
            String what = "link " + r.path() + " -> " + r.src();
            Change c = new Change(ChangeKind.CREATE, "would create " + what, null, FileDecision.result(r, "link", true, null), "absent");
            return new Plan(c, "created " + what, List.of(new Action.Shell("ln -s -- " + qs + " " + q + attrs, "create " + what)));
        }
        String replace = cur.isLink() ? "ln -sfn -- " + qs + " " + q : replaceExisting(r, cur) + " && ln -s -- " + qs + " " + q;
        String what = r.path() + " at " + r.src() + " (was " + (cur.isLink() ? cur.linkTarget() : cur.describe()) + ")";
        Change c = new Change(ChangeKind.CHANGE, "would point " + what, null, FileDecision.result(r, "link", true, null),
                FileDecision.key(cur));
        return new Plan(c, "pointed " + what, List.of(new Action.Shell(replace + attrs, "link " + r.path())));
    }

    static Plan hard(FileDecision.Request r, Probe p) throws ModuleException {
        RemoteFile cur = p.first();
        RemoteFile src = p.file(1);
        if (src.lstat() == null) {
            throw new MissingOnHost("src " + r.src() + " does not exist on the host; a hard link needs an existing file", r.src());
        }
        String q = ShellQuote.quote(r.path());
        String qs = ShellQuote.quote(r.src());
        Stat s = cur.lstat();
        if (s != null && s.inode() == src.lstat().inode() && s.device() == src.lstat().device()) {
            return FileDecision.attributes(r, p, s, "hard", List.of());
        }
        String what = "hard link " + r.path() + " -> " + r.src();
        if (s == null) {
            Change c = new Change(ChangeKind.CREATE, "would create " + what, null, FileDecision.result(r, "hard", true, null), "absent");
            return new Plan(c, "created " + what, List.of(new Action.Shell("ln -- " + qs + " " + q + newAttrs(r.wanted(), null, q),
                    "create " + what)));
        }
        String replace = replaceExisting(r, cur) + " && ln -- " + qs + " " + q;
        Change c = new Change(ChangeKind.CHANGE, "would replace " + cur.describe() + " " + r.path() + " with a " + what, null,
                FileDecision.result(r, "hard", true, null), FileDecision.key(cur));
        return new Plan(c, "replaced " + r.path() + " with a " + what, List.of(new Action.Shell(replace, "create " + what)));
    }

    /** Removing what stands where a link should be, only when forced (Ansible refuses otherwise). */
    private static String replaceExisting(FileDecision.Request r, RemoteFile cur) throws ModuleException {
        if (!r.force()) {
            throw new ModuleException("refusing to replace " + cur.describe() + " at " + r.path()
                    + " with a link; set force: true to replace it");
        }
        String q = ShellQuote.quote(r.path());
        // rmdir, not rm -r: a directory full of files is never thrown away to make room for a link.
        return cur.lstat().isDir() ? "rmdir -- " + q : "rm -f -- " + q;
    }

    private static FileDecision.Request noFollow(FileDecision.Request r) {
        return new FileDecision.Request(r.path(), r.state(), r.src(), new Wanted(null, r.wanted().owner(), r.wanted().group()),
                false, false, r.force(), r.mtime(), r.atime());
    }

    private static Integer modeOf(Plan attrs, Stat s) {
        Object m = attrs.change().result() == null ? null : attrs.change().result().get("mode");
        return m == null ? s.mode() : Integer.parseInt((String) m, 8);
    }

    /** Commands giving a just-created path the wanted owner, group and mode. */
    static String newAttrs(Wanted w, Integer mode, String quotedPath) {
        StringBuilder sb = new StringBuilder();
        if (w.owner() != null) {
            sb.append(" && chown ").append(ShellQuote.quote(w.owner())).append(" -- ").append(quotedPath);
        }
        if (w.group() != null) {
            sb.append(" && chgrp ").append(ShellQuote.quote(w.group())).append(" -- ").append(quotedPath);
        }
        if (mode != null) {
            sb.append(" && chmod ").append(Modes.format(mode)).append(" -- ").append(quotedPath);
        }
        return sb.toString();
    }

    /** "/a/b/c" -> ["/a", "/a/b", "/a/b/c"]; "a/b" -> ["a", "a/b"]. */
    static List<String> ancestors(String path) {
        List<String> out = new ArrayList<>();
        int from = path.startsWith("/") ? 1 : 0;
        for (int i = path.indexOf('/', from); i >= 0; i = path.indexOf('/', i + 1)) {
            if (i > 0 && path.charAt(i - 1) != '/') {
                out.add(path.substring(0, i));
            }
        }
        out.add(path);
        return out;
    }
}
