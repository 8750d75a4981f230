package dev.runbook.modules.core;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's raw: a command line given to the host's shell as it is, needing nothing on the host
 * but a shell (bootstrapping a bare machine). Always reports a change; a plan says "would run".
 */
public final class Raw implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("raw",
            "Run a command line through the host's shell as it is written, needing nothing else on the host "
                    + "(Ansible's ansible.builtin.raw, for bootstrapping). Reports changed whenever it runs.",
            List.of(ArgSpec.optional("executable", ArgType.STRING, null, "The shell to run it with, e.g. /bin/bash; default /bin/sh.")),
            true, "raw: test -e /usr/bin/python3 || (apt-get update -q && apt-get install -y -q python3-minimal)");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public boolean safeToRepeat(Map<String, Object> args) {
        return false;
    }

    @Override
    public List<String> validate(Args args) {
        return args.freeForm() == null || args.freeForm().isBlank() ? List.of("raw needs a command line as its free-form value") : List.of();
    }

    @Override
    public Change check(ModuleContext ctx, Args args) {
        return Change.unknown("would run: " + args.freeForm());
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        if (!validate(args).isEmpty()) {
            throw new ModuleException(validate(args).get(0));
        }
        String line = args.freeForm();
        Command c = args.has("executable") ? Command.Argv.of(args.string("executable"), "-c", line) : new Command.Shell(line);
        CommandResult r = ctx.stream(CommandRequest.of(c));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rc", r.exitCode());
        // as Ansible's raw: the output as the shell wrote it, trailing newline included
        data.put("stdout", r.stdout());
        data.put("stderr", r.stderr());
        data.put("stdout_lines", r.stdout().lines().toList());
        data.put("stderr_lines", r.stderr().lines().toList());
        String msg = r.timedOut() ? "timed out after " + ctx.timeout().toSeconds() + "s (process tree killed)"
                : r.exitCode() == 0 ? "" : "non-zero return code";
        return new ModuleResult(true, r.exitCode() != 0, msg, data, null);
    }
}
