package dev.runbook.modules.host;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.util.List;
import java.util.Map;

/** Running probes and changes on the target for the host modules. */
final class Shell {
    private Shell() {
    }

    /** Runs a read-only probe script; its output, whatever its exit code. */
    static CommandResult probe(ModuleContext ctx, String script) throws ConnectionException, InterruptedException {
        return ctx.run(CommandRequest.readOnly(new Command.Shell(script)));
    }

    /** Runs a command that changes the host; fails with {@code what} and its output unless it exits 0. */
    static CommandResult change(ModuleContext ctx, String what, List<String> argv)
            throws ModuleException, ConnectionException, InterruptedException {
        return check(what, ctx.run(CommandRequest.of(new Command.Argv(argv))));
    }

    /** Runs a shell script that changes the host; fails with {@code what} and its output unless it exits 0. */
    static CommandResult changeScript(ModuleContext ctx, String what, String script, byte[] stdin)
            throws ModuleException, ConnectionException, InterruptedException {
        return check(what, ctx.run(CommandRequest.of(new Command.Shell(script)).withStdin(stdin)));
    }

    private static CommandResult check(String what, CommandResult r) throws ModuleException {
        if (r.exitCode() != 0) {
            String out = (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
            throw new ModuleException(what + " failed (exit " + r.exitCode() + ")" + (out.isEmpty() ? "" : ": " + out));
        }
        return r;
    }

    /** Splits output introduced by {@code @@name} marker lines into sections. */
    static Map<String, String> sections(String output) {
        return dev.runbook.facts.HostFacts.sections(output);
    }
}
