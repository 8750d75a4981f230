package dev.runbook.modules.files;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Footprint;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import dev.runbook.modules.Resource;
import java.util.List;
import java.util.Map;

/**
 * Ansible's tempfile: a new, private temporary file (0600) or directory (0700) with a random name,
 * registered as {@code path}. Every run makes a new one, so it always reports a change; a plan
 * cannot know the name, so whatever reads it is unknown until apply.
 */
public final class TempFile implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("tempfile",
            "Create a temporary file (mode 0600) or directory (0700) with a random name on the target; its path is "
                    + "registered as `path` (Ansible's ansible.builtin.tempfile).",
            List.of(ArgSpec.optional("state", ArgType.STRING, "file", "Whether to create a file or a directory.")
                            .withChoices("file", "directory"),
                    ArgSpec.optional("path", ArgType.STRING, null, "The directory to create it in. Default: $TMPDIR, else /tmp."),
                    ArgSpec.optional("prefix", ArgType.STRING, "ansible.", "The start of the name."),
                    ArgSpec.optional("suffix", ArgType.STRING, "", "The end of the name.")),
            false, """
            tempfile:
              state: directory
              suffix: build
            register: build_dir
            """);

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Footprint footprint(Args args) {
        return args.has("path") ? new Footprint(List.of(), List.of(Resource.path(args.string("path"))))
                : new Footprint(List.of(), List.of(Resource.path("/tmp")));
    }

    @Override
    public List<String> validate(Args args) {
        return args.string("prefix").contains("/") || args.string("suffix").contains("/")
                ? List.of("prefix and suffix are parts of a file name: they cannot contain '/'") : List.of();
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException {
        requireValid(args);
        return Change.of(ChangeKind.CREATE, "would create a temporary " + args.string("state") + " in " + where(args)
                + " (its name is known only when it exists)");
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        requireValid(args);
        String dir = args.has("path") ? ShellQuote.quote(args.string("path")) : "\"${TMPDIR:-/tmp}\"";
        String script = "mktemp " + ("directory".equals(args.string("state")) ? "-d " : "") + "-p " + dir
                + " --suffix=" + ShellQuote.quote(args.string("suffix")) + " -- " + ShellQuote.quote(args.string("prefix") + "XXXXXXXX");
        CommandResult r = ctx.run(CommandRequest.of(new Command.Shell(script)));
        if (!r.ok()) {
            throw new ModuleException("could not create a temporary " + args.string("state") + " in " + where(args) + ": "
                    + (r.stderr().isBlank() ? "exit code " + r.exitCode() : r.stderr().strip()));
        }
        String path = r.stdout().strip();
        return new ModuleResult(true, false, "created " + path, Map.of("path", path, "state", args.string("state")), null);
    }

    private void requireValid(Args args) throws ModuleException {
        List<String> problems = validate(args);
        if (!problems.isEmpty()) {
            throw new ModuleException(String.join("; ", problems));
        }
    }

    private static String where(Args args) {
        return args.has("path") ? args.string("path") : "the temporary directory";
    }
}
