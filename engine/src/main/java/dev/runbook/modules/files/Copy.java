package dev.runbook.modules.files;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's copy: a controller file, a controller directory (recursively) or inline content to
 * a path on the host. Content is compared by sha256, so an unchanged file is never rewritten.
 */
public final class Copy extends PlannedModule {
    static final ArgSpec FOLLOW = ArgSpec.optional("follow", ArgType.BOOL, false, "When dest is a symbolic link, write "
            + "to the file it points to and keep the link. Default: the link is replaced by a regular file.");
    static final List<ArgSpec> WRITE_ARGS = List.of(
            ArgSpec.optional("mode", ArgType.MODE, null, "Permissions of the file: octal (0644, \"0644\" and 644 all "
                    + "mean rw-r--r--) or symbolic (u=rw,g=r,o=). Default: kept for an existing file, umask for a new one."),
            ArgSpec.optional("owner", ArgType.STRING, null, "User name (or uid) that should own the file."),
            ArgSpec.optional("group", ArgType.STRING, null, "Group name (or gid) that should own the file."),
            ArgSpec.optional("backup", ArgType.BOOL, false, "Before replacing the file, keep a copy named "
                    + "`dest.YYYYmmddHHMMSS~`; its path is returned as `backup_file`."),
            ArgSpec.optional("validate", ArgType.STRING, null, "A command run on the new file before it replaces the old "
                    + "one, `%s` standing for its path (e.g. `visudo -cf %s`). Nothing is replaced if it fails."));

    private static final ModuleSpec SPEC = new ModuleSpec("copy",
            "Copy a file or directory from the controller, or inline `content`, to the target. Plan mode shows `+` for a "
                    + "new file, `~` with a unified diff for changed content or attributes, `=` when sha256 and attributes match.",
            args(), false, """
            copy:
              src: files/nginx.conf
              dest: /etc/nginx/nginx.conf
              mode: "0644"
              backup: true
              validate: nginx -t -c %s
            """);

    private static List<ArgSpec> args() {
        List<ArgSpec> a = new ArrayList<>(List.of(
                ArgSpec.optional("src", ArgType.STRING, null, "File or directory on the controller, relative to the "
                        + "runbook. A directory is copied recursively; with a trailing `/` only its contents."),
                ArgSpec.optional("content", ArgType.STRING, null, "Write this text instead of a src file."),
                ArgSpec.required("dest", ArgType.STRING, "Path on the target. An existing directory, or a path ending "
                        + "in `/`, receives the src file under its own name."),
                ArgSpec.optional("force", ArgType.BOOL, true, "Replace a file whose content differs. With false, an "
                        + "existing file is left alone.").withAliases("thirsty"),
                ArgSpec.optional("directory_mode", ArgType.MODE, null, "Mode of directories created by a recursive copy."),
                ArgSpec.optional("remote_src", ArgType.BOOL, false, "src is a file on the target, not on the controller "
                        + "(single files only).")));
        a.add(FOLLOW);
        a.addAll(WRITE_ARGS);
        return a;
    }

    @Override
    public Footprint footprint(Args args) {
        Resource dest = Resource.path(args.string("dest"));
        return args.bool("remote_src") && args.has("src")
                ? new Footprint(List.of(dest, Resource.path(args.string("src"))), List.of(dest)) : Footprint.on(dest);
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        List<String> problems = new ArrayList<>();
        if (args.has("src") == args.has("content")) {
            problems.add("copy needs exactly one of src (a file on the controller) or content (inline text)");
        }
        if (args.bool("remote_src") && !args.has("src")) {
            problems.add("remote_src needs src: the path of the file on the target");
        }
        problems.addAll(validateCommand(args));
        return problems;
    }

    static List<String> validateCommand(Args args) {
        return args.has("validate") && !args.string("validate").contains("%s")
                ? List.of("validate must contain %s where the new file's path goes, e.g. 'visudo -cf %s'") : List.of();
    }

    @Override
    Plan decide(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        if (args.has("content")) {
            return CopyFile.plan(ctx, args, Content.of(args.string("content").getBytes(StandardCharsets.UTF_8)), null);
        }
        if (args.bool("remote_src")) {
            return RemoteCopy.plan(ctx, args);
        }
        String src = args.string("src");
        Path local = ctx.controllerFile(src, "files");
        if (!Files.exists(local)) {
            throw new ModuleException("src " + src + " not found on the controller (looked for " + local + ")");
        }
        if (Files.isDirectory(local)) {
            return CopyTree.plan(ctx, args, local);
        }
        try {
            var decrypted = ctx.decryptedControllerFile(local);
            Content content = decrypted.isPresent() ? Content.of(decrypted.get()) : Content.of(local);
            return CopyFile.plan(ctx, args, content, local.getFileName().toString());
        } catch (IOException e) {
            throw new ModuleException("cannot read src " + local + " on the controller: " + e.getMessage(), e);
        }
    }

    /** "/a/b/" -> "/a/b"; "/" stays. */
    static String trim(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "." : slash == 0 ? "/" : path.substring(0, slash);
    }

    static String mkdirP(String dir) {
        return "mkdir -p -- " + ShellQuote.quote(dir);
    }

    static Map<String, Object> withSrc(Map<String, Object> result, String src) {
        Map<String, Object> m = new LinkedHashMap<>(result == null ? Map.of() : result);
        if (src != null) {
            m.put("src", src);
        }
        return m;
    }
}
