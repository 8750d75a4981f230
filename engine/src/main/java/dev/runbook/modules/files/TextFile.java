package dev.runbook.modules.files;

import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A text file edited in place by lineinfile and blockinfile: read whole (in plan mode too, so
 * the plan shows the real diff), edited in Java, written back atomically with its mode and owner.
 */
final class TextFile {
    private TextFile() {
    }

    /** The file as found: text is "" for a missing file; charset UTF-8, or Latin-1 for other bytes. */
    record Loaded(Probe probe, byte[] old, String text, Charset charset) {
        RemoteFile file() {
            return probe.first();
        }

        boolean exists() {
            return probe.first().exists();
        }
    }

    static Loaded load(ModuleContext ctx, String path, Wanted w) throws ModuleException, ConnectionException, InterruptedException {
        Probe p = FileProbe.run(ctx, FileProbe.Query.of(path).withIds(w.owner(), w.group()));
        // Like Ansible, a file reached through a symbolic link is edited in place: the link stays.
        RemoteFile f = CopyFile.followed(p.first());
        Probe target = new Probe(java.util.List.of(f), p.ownerId(), p.groupId(), p.umask());
        return loaded(target, f.isFile() ? Steps.read(ctx, f.path()) : null);
    }

    /** Decoding as a pure step, for tests from fixture content. */
    static Loaded loaded(Probe p, byte[] old) throws ModuleException {
        RemoteFile f = p.first();
        if (f.exists() && !f.isFile()) {
            throw new ModuleException(f.path() + " is " + (f.isDir() ? "a directory" : f.describe()) + ", not a regular file");
        }
        if (old == null) {
            return new Loaded(p, null, "", StandardCharsets.UTF_8);
        }
        String utf8 = UnifiedDiff.text(old);
        // Bytes that are not UTF-8 survive an edit untouched when read and written as Latin-1.
        return utf8 != null && !utf8.contains("\0") ? new Loaded(p, old, utf8, StandardCharsets.UTF_8)
                : new Loaded(p, old, new String(old, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
    }

    /** The file read in the character set a task names ({@code encoding:}); UTF-8 keeps the default reading. */
    static Loaded decoded(Loaded f, String encoding) throws ModuleException {
        if (encoding == null || f.old() == null || encoding.replace("-", "").equalsIgnoreCase("utf8")) {
            return f;
        }
        try {
            Charset cs = Charset.forName(encoding);
            return new Loaded(f.probe(), f.old(), new String(f.old(), cs), cs);
        } catch (IllegalArgumentException e) {
            throw new ModuleException("unknown encoding '" + encoding + "' (try utf-8, latin-1, cp1252)", e);
        }
    }

    /**
     * The plan to write {@code text}; when the content changes the summary is {@code what}
     * ("add a line to /etc/hosts"), and {@code msg} (Ansible's) goes into the result.
     */
    static Plan write(Loaded f, Args args, String text, String what, String msg, boolean diff) throws ModuleException {
        String path = f.file().path();
        ContentWriter.Target t = new ContentWriter.Target(path, Content.of(text.getBytes(f.charset())), Wanted.from(args),
                args.bool("backup"), args.string("validate"), "path");
        Plan plan = ContentWriter.decide(t, f.probe(), f.old(), diff);
        Map<String, Object> result = new LinkedHashMap<>(plan.change().result());
        result.put("msg", msg);
        Change c = plan.change().withResult(result);
        boolean contentChanged = plan.actions().stream().anyMatch(a -> a instanceof Action.Upload);
        if (!contentChanged) {
            return new Plan(c, plan.done(), plan.actions());
        }
        Change said = new Change(c.kind(), "would " + what, c.diff(), c.result(), c.probe());
        return new Plan(said, ContentWriter.past(what), plan.actions());
    }
}
