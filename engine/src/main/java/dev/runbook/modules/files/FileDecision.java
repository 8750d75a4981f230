package dev.runbook.modules.files;

import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The file module's decision, from probe output alone. */
final class FileDecision {
    private FileDecision() {
    }

    record Request(String path, String state, String src, Wanted wanted, boolean recurse, boolean follow,
                   boolean force, String mtime, String atime) {
        static Request from(Args a) {
            String path = a.string("path");
            while (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return new Request(path, a.string("state"), a.string("src"), Wanted.from(a), a.bool("recurse"),
                    a.bool("follow"), a.bool("force"), a.string("modification_time"), a.string("access_time"));
        }

        /** Where src is: a relative symbolic link target is relative to the link's directory. */
        String resolvedSrc() {
            if (!"link".equals(state) || src.startsWith("/")) {
                return src;
            }
            int slash = path.lastIndexOf('/');
            return slash < 0 ? src : path.substring(0, slash + 1) + src;
        }
    }

    /** One entry below a recursed directory, from find's "%y %m %U %G". */
    record Entry(char type, int mode, int uid, int gid) {
    }

    static List<Entry> parseTree(String out) {
        List<Entry> entries = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 4) {
                entries.add(new Entry(f[0].charAt(0), Integer.parseInt(f[1], 8), Integer.parseInt(f[2]), Integer.parseInt(f[3])));
            }
        }
        return entries;
    }

    static Plan decide(Request r, Probe p, List<Entry> tree) throws ModuleException {
        RemoteFile cur = p.first();
        Attributes.requireIds(r.wanted(), p);
        String state = r.state() != null ? r.state() : inferState(r, cur);
        return switch (state) {
            case "absent" -> absent(r, cur);
            case "directory" -> directory(r, p, tree);
            case "touch" -> FileCreation.touch(r, p);
            case "link" -> FileCreation.link(r, p);
            case "hard" -> FileCreation.hard(r, p);
            default -> file(r, p);
        };
    }

    private static String inferState(Request r, RemoteFile cur) {
        if (!cur.exists()) {
            return r.recurse() ? "directory" : "file";
        }
        Stat s = cur.effective(r.follow());
        return s != null && s.isDir() ? "directory" : "file";
    }

    private static Plan absent(Request r, RemoteFile cur) {
        if (!cur.exists()) {
            return Plan.none(Change.none(r.path() + " is already absent").withResult(result(r, "absent", false, null)));
        }
        String what = cur.describe() + " " + r.path();
        Change c = new Change(ChangeKind.REMOVE, "would remove " + what, null, result(r, "absent", true, null), key(cur));
        return new Plan(c, "removed " + what, List.of(new Action.Shell("rm -rf -- " + ShellQuote.quote(r.path()), "remove " + r.path())));
    }

    private static Plan file(Request r, Probe p) throws ModuleException {
        RemoteFile cur = p.first();
        if (!cur.exists()) {
            throw new MissingOnHost("file " + r.path() + " is absent, cannot continue (use state: touch to create "
                    + "an empty file, or copy/template to create one with content)", r.path());
        }
        Stat s = cur.effective(r.follow());
        if (s == null) {
            throw new MissingOnHost(r.path() + " is a link to a missing file (" + cur.linkTarget() + ")", cur.linkTarget());
        }
        if (s.isDir()) {
            throw new ModuleException(r.path() + " is a directory, not a file (use state: directory to manage it)");
        }
        return attributes(r, p, s, "file", List.of());
    }

    private static Plan directory(Request r, Probe p, List<Entry> tree) throws ModuleException {
        RemoteFile cur = p.first();
        if (!cur.exists()) {
            return FileCreation.mkdir(r, p);
        }
        Stat s = cur.effective(r.follow());
        if (s == null || !s.isDir()) {
            throw new ModuleException(r.path() + " already exists as " + cur.describe().substring(2)
                    + ", not a directory; remove it first (state: absent) or choose another path");
        }
        return attributes(r, p, s, "directory", tree);
    }

    /** Fixes the attributes of an existing path (and below it, with recurse). */
    static Plan attributes(Request r, Probe p, Stat s, String state, List<Entry> tree) throws ModuleException {
        Attributes.Fix fix = Attributes.fix(r.wanted(), s, p, r.path(), r.follow());
        List<String> changes = new ArrayList<>(fix.changes());
        List<Action> actions = new ArrayList<>();
        if (!fix.isEmpty()) {
            actions.add(new Action.Shell(fix.script(), "set attributes of " + r.path()));
        }
        int below = differingBelow(r, p, tree);
        if (below > 0) {
            changes.add(below + " of " + tree.size() + " entries below it");
            actions.add(new Action.Shell(recursive(r), "set attributes below " + r.path()));
        }
        int mode = s.type() == Stat.Type.LINK || r.wanted().mode() == null ? s.mode()
                : Modes.resolve(r.wanted().mode(), s.mode(), s.isDir(), p.umask());
        if (changes.isEmpty()) {
            String a = switch (state) {
                case "hard" -> "a hard link to " + r.src();
                case "link" -> "a link to " + r.src();
                default -> "a " + state;
            };
            return Plan.none(new Change(ChangeKind.NONE, r.path() + " is " + a + " as wanted", null,
                    result(r, state, false, mode), key(p.first())));
        }
        String what = String.join(", ", changes) + " on " + r.path();
        Change c = new Change(ChangeKind.CHANGE, "would change " + what, null, result(r, state, true, mode), key(p.first()));
        return new Plan(c, "changed " + what, actions);
    }

    private static int differingBelow(Request r, Probe p, List<Entry> tree) {
        int n = 0;
        Wanted w = r.wanted();
        for (Entry e : tree) {
            boolean mode = w.mode() != null && e.type() != 'l'
                    && Modes.resolve(w.mode(), e.mode(), e.type() == 'd', p.umask()) != e.mode();
            boolean owner = w.owner() != null && p.ownerId() != e.uid();
            boolean group = w.group() != null && p.groupId() != e.gid();
            n += mode || owner || group ? 1 : 0;
        }
        return n;
    }

    private static String recursive(Request r) {
        String q = ShellQuote.quote(r.path());
        Wanted w = r.wanted();
        List<String> cmds = new ArrayList<>();
        if (w.owner() != null) {
            cmds.add("chown -R " + ShellQuote.quote(w.owner()) + " -- " + q);
        }
        if (w.group() != null) {
            cmds.add("chgrp -R " + ShellQuote.quote(w.group()) + " -- " + q);
        }
        if (w.mode() != null) {
            String mode = w.mode() instanceof Integer i ? Modes.format(i) : String.valueOf(w.mode());
            cmds.add("chmod -R " + ShellQuote.quote(mode) + " -- " + q);
        }
        return String.join(" && ", cmds);
    }

    static Map<String, Object> result(Request r, String state, boolean changed, Integer mode) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("changed", changed);
        m.put("path", r.path());
        m.put("state", state);
        if (mode != null) {
            m.put("mode", Modes.format(mode));
        }
        if (r.src() != null) {
            m.put("src", r.src());
        }
        return m;
    }

    static String key(RemoteFile f) {
        Stat s = f.lstat();
        return s == null ? "absent" : s.type() + " " + Modes.format(s.mode()) + " " + s.uid() + ":" + s.gid() + " " + f.linkTarget();
    }
}
