package dev.runbook.modules.files;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ansible's slurp: a remote file's content, base64-encoded, for register; read-only. */
public final class Slurp implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("slurp",
            "Read a file from the target into a registered result: `content` (base64) and `encoding: base64`, as in "
                    + "Ansible (decode with `| b64decode`). Read-only: plan mode reads it too.",
            List.of(ArgSpec.required("src", ArgType.STRING, "The file on the target.").withAliases("path")),
            false, """
            slurp:
              src: /etc/hostname
            register: hostname
            """);

    @Override
    public Footprint footprint(Args args) {
        return Footprint.readsOnly(Resource.path(args.string("src")));
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        try {
            return read(ctx, args);
        } catch (MissingOnHost e) {
            return e.asChange();
        }
    }

    private static Change read(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String src = args.string("src");
        Probe p = FileProbe.run(ctx, FileProbe.Query.of(src));
        requireReadable(p.first());
        return decide(src, Steps.read(ctx, src));
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Change c = read(ctx, args);
        Map<String, Object> data = new LinkedHashMap<>(c.result());
        data.remove("changed");
        return ModuleResult.ok(c.summary()).withData(data);
    }

    /** Fails as Ansible does when the source is missing or not a file. */
    static void requireReadable(RemoteFile f) throws ModuleException {
        if (!f.exists()) {
            throw new MissingOnHost("file not found: " + f.path(), f.path());
        }
        if (f.isDir()) {
            throw new ModuleException("source is a directory and must be a file: " + f.path());
        }
        if (f.stat() == null) {
            throw new MissingOnHost(f.path() + " is a link to a missing file", f.linkTarget());
        }
    }

    static Change decide(String src, byte[] content) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", false);
        result.put("content", Base64.getEncoder().encodeToString(content));
        result.put("encoding", "base64");
        result.put("source", src);
        return new Change(ChangeKind.NONE, "read " + content.length + " bytes from " + src, null, result,
                Steps.sha256(content));
    }

    @Override
    public boolean isReadOnly(java.util.Map<String, Object> args) {
        return true;
    }
}
