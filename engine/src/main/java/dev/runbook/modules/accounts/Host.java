package dev.runbook.modules.accounts;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the account tools (getent, useradd, groupmod, ...) on the target. */
final class Host {
    private Host() {
    }

    /** A read-only probe; its output, whatever the exit status. */
    static CommandResult probe(ModuleContext ctx, String script) throws ConnectionException, InterruptedException {
        return ctx.run(CommandRequest.readOnly(new Command.Shell(script)));
    }

    /** One change; a failure is the module's, with the tool's message. */
    static void change(ModuleContext ctx, List<String> argv, String stdin) throws ModuleException, ConnectionException, InterruptedException {
        CommandRequest req = CommandRequest.of(new Command.Argv(argv));
        if (stdin != null) {
            req = req.withStdin(stdin.getBytes(StandardCharsets.UTF_8));
        }
        CommandResult r = ctx.run(req);
        if (!r.ok()) {
            String err = r.stderr().isBlank() ? r.stdout().strip() : r.stderr().strip();
            throw new ModuleException(argv.get(0) + " failed (exit " + r.exitCode() + "): " + err);
        }
    }

    /** {@code getent DATABASE KEY} split at ':', or null when there is no such entry. */
    static String[] entry(ModuleContext ctx, String database, String key) throws ConnectionException, InterruptedException {
        CommandResult r = ctx.run(CommandRequest.readOnly(Command.Argv.of("getent", database, key)));
        if (r.exitCode() != 0 || r.stdout().isBlank()) {
            return null;
        }
        return r.stdout().strip().split("\n")[0].split(":", -1);
    }
}
