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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ansible's stat: facts about one path, registered as {@code stat}; never changes anything. */
public final class StatModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("stat",
            "Facts about a file or directory on the target (exists, type, mode, owner, size, checksum), registered "
                    + "under `stat` as in Ansible. Read-only: plan mode shows the same result it would register.",
            List.of(
                    ArgSpec.required("path", ArgType.STRING, "The path to inspect.").withAliases("dest", "name"),
                    ArgSpec.optional("follow", ArgType.BOOL, false, "Follow a symbolic link and describe its target."),
                    ArgSpec.optional("get_checksum", ArgType.BOOL, true, "Checksum a regular file's content."),
                    ArgSpec.optional("checksum_algorithm", ArgType.STRING, "sha256",
                            "Checksum algorithm (sha256 by default, unlike Ansible's sha1).")
                            .withChoices("sha256", "sha1", "md5").withAliases("checksum", "checksum_algo")),
            false, """
            stat:
              path: /etc/app.conf
            register: conf
            """);

    @Override
    public Footprint footprint(Args args) {
        return Footprint.readsOnly(Resource.path(args.string("path")));
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Map<String, Object> stat = describe(probe(ctx, args), args.bool("follow"), args.bool("get_checksum"));
        String path = args.string("path");
        String summary = Boolean.TRUE.equals(stat.get("exists")) ? path + " exists" : path + " does not exist";
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", false);
        result.put("stat", stat);
        return new Change(ChangeKind.NONE, summary, null, result, null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Change c = check(ctx, args);
        return ModuleResult.ok(c.summary()).withData(Map.of("stat", c.result().get("stat")));
    }

    private static Probe probe(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        FileProbe.Query q = FileProbe.Query.of(args.string("path"));
        if (args.bool("get_checksum")) {
            q = q.withChecksum(args.string("checksum_algorithm") + "sum");
        }
        return FileProbe.run(ctx, q);
    }

    /** The {@code stat} dictionary, shaped like Ansible's. */
    static Map<String, Object> describe(Probe p, boolean follow, boolean checksum) {
        RemoteFile f = p.first();
        Stat s = follow ? f.stat() : f.lstat();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exists", s != null);
        if (s == null) {
            return out;
        }
        out.put("path", f.path());
        out.put("isdir", s.isDir());
        out.put("isreg", s.isFile());
        out.put("islnk", s.type() == Stat.Type.LINK);
        out.put("mode", Modes.format(s.mode()));
        out.put("uid", s.uid());
        out.put("gid", s.gid());
        out.put("pw_name", s.user());
        out.put("gr_name", s.group());
        out.put("size", s.size());
        out.put("mtime", s.mtime());
        out.put("inode", s.inode());
        out.put("dev", s.device());
        if (f.isLink()) {
            out.put("lnk_target", f.linkTarget());
        }
        if (checksum && s.isFile() && f.checksum() != null) {
            out.put("checksum", f.checksum());
        }
        return out;
    }

    @Override
    public boolean isReadOnly(java.util.Map<String, Object> args) {
        return true;
    }
}
