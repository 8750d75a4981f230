package dev.runbook.modules.files;

import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.FileAttrs;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts given content at one path with wanted attributes: the shared heart of copy, template,
 * lineinfile and blockinfile. Content is compared by sha256 (or byte for byte when the old
 * content was read anyway); only attributes are fixed when the content is already right.
 */
public final class ContentWriter {
    /** Old content is read for a diff only up to this size. */
    static final long MAX_DIFF_BYTES = 1 << 20;

    private ContentWriter() {
    }

    /**
     * @param resultKey "dest" or "path": how the module's result names the file, as in Ansible
     * @param validate  a command with %s, run on the new file before it replaces the old, or null
     */
    public record Target(String path, Content content, Wanted wanted, boolean backup, String validate, String resultKey) {
    }

    /** Probes the path (checksum, owner/group ids) and reads the old content when a diff is wanted. */
    public static Plan plan(ModuleContext ctx, Target t) throws ModuleException, ConnectionException, InterruptedException {
        Probe p = FileProbe.run(ctx, FileProbe.Query.of(t.path()).withIds(t.wanted().owner(), t.wanted().group())
                .withChecksum("sha256sum"));
        return planFor(ctx, t, p);
    }

    /** Decides from a probe whose first file is the target, reading the old content for a diff. */
    public static Plan planFor(ModuleContext ctx, Target t, Probe p) throws ModuleException, ConnectionException {
        RemoteFile cur = p.first();
        byte[] old = null;
        if (ctx.diff() && cur.isFile() && cur.stat().size() <= MAX_DIFF_BYTES && !t.content().sha256().equals(cur.checksum())) {
            old = Steps.read(ctx, t.path());
        }
        return decide(t, p, old, ctx.diff());
    }

    /**
     * The decision, from the probe alone.
     *
     * @param old the current content when it was read (then compared byte for byte), else null
     */
    public static Plan decide(Target t, Probe p, byte[] old, boolean diff) throws ModuleException {
        RemoteFile cur = p.first();
        String path = t.path();
        if (cur.exists() && !cur.isFile()) {
            throw new ModuleException(path + " is " + (cur.stat() == null ? "a link to a missing file" : cur.stat().type() == Stat.Type.DIRECTORY
                    ? "a directory" : "a " + cur.stat().type().word()) + ", not a regular file");
        }
        Attributes.requireIds(t.wanted(), p);
        if (cur.exists() && old == null && cur.checksum() == null) {
            throw new ModuleException("cannot read " + path + " on the host to compare it (permission denied? try become)");
        }
        Content data = t.content();
        String sum = data.sha256();
        boolean same = cur.exists() && (old != null ? Steps.sha256(old).equals(sum) : sum.equals(cur.checksum()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(t.resultKey(), path);
        result.put("checksum", sum);
        result.put("size", data.size());
        if (same) {
            return attributesOnly(t, p, result, probeKey(cur, old));
        }
        FileAttrs attrs = Attributes.forWrite(t.wanted(), cur.stat(), p.umask());
        result.put("mode", Modes.format(attrs.mode()));
        result.put("changed", true);
        List<Action> actions = new ArrayList<>();
        if (t.backup() && cur.exists()) {
            actions.add(new Action.Backup(path));
        }
        actions.add(new Action.Upload(data, path, attrs, t.validate()));
        String what = cur.exists()
                ? "update " + path + " (" + cur.stat().size() + " -> " + data.size() + " bytes" + modeNote(cur.stat(), attrs) + ")"
                : "create " + path + " (" + data.size() + " bytes, mode " + Modes.format(attrs.mode()) + ")";
        Change c = new Change(cur.exists() ? ChangeKind.CHANGE : ChangeKind.CREATE, "would " + what, null, result, probeKey(cur, old));
        if (diff) {
            byte[] now = data.forDiff(MAX_DIFF_BYTES);
            boolean shown = now != null && (old != null || !cur.exists());
            c = c.withDiff(shown ? UnifiedDiff.of(old, now, path)
                    : "(content of " + path + " not shown: larger than " + MAX_DIFF_BYTES + " bytes)\n");
        }
        return new Plan(c, past(what), actions);
    }

    private static Plan attributesOnly(Target t, Probe p, Map<String, Object> result, String key) throws ModuleException {
        RemoteFile cur = p.first();
        Attributes.Fix fix = Attributes.fix(t.wanted(), cur.stat(), p, t.path(), true);
        int mode = t.wanted().mode() == null ? cur.stat().mode()
                : Modes.resolve(t.wanted().mode(), cur.stat().mode(), false, p.umask());
        result.put("mode", Modes.format(mode));
        if (fix.isEmpty()) {
            result.put("changed", false);
            return Plan.none(new Change(ChangeKind.NONE, t.path() + " is up to date", null, result, key));
        }
        result.put("changed", true);
        String what = String.join(", ", fix.changes()) + " on " + t.path();
        Change c = new Change(ChangeKind.CHANGE, "would change " + what, null, result, key);
        return new Plan(c, "changed " + what, List.of(new Action.Shell(fix.script(), "set attributes of " + t.path())));
    }

    private static String modeNote(Stat cur, FileAttrs attrs) {
        return cur.mode() == attrs.mode() ? "" : ", mode " + Modes.format(cur.mode()) + " -> " + Modes.format(attrs.mode());
    }

    /** What a saved plan compares on re-probe: the content checksum and attributes. */
    static String probeKey(RemoteFile f, byte[] old) {
        Stat s = f.stat();
        String sum = old != null ? Steps.sha256(old) : f.checksum();
        return s == null ? "absent" : sum + " " + Modes.format(s.mode()) + " " + s.uid() + ":" + s.gid();
    }

    /** "create x" -> "created x", "update x" -> "updated x". */
    static String past(String what) {
        int sp = what.indexOf(' ');
        String verb = what.substring(0, sp);
        return (verb.endsWith("e") ? verb + "d" : verb + "ed") + what.substring(sp);
    }
}
