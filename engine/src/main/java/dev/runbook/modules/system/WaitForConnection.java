package dev.runbook.modules.system;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code wait_for_connection}: after {@code delay}, runs a trivial command on the host
 * until it answers, every {@code sleep}, for up to {@code timeout}. The first try uses the host's
 * connection as it is; when that fails, each later try opens a new one (Ansible resets the
 * connection), so a host whose sshd or network came back is reached again.
 */
public final class WaitForConnection implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("wait_for_connection",
            "Wait until the host can be reached and runs a command again (Ansible's ansible.builtin.wait_for_connection).",
            List.of(
                    ArgSpec.optional("timeout", ArgType.DURATION, 600, "Give up after this long (seconds, or 30s, 10m)."),
                    ArgSpec.optional("delay", ArgType.DURATION, 0, "Wait this long before the first try."),
                    ArgSpec.optional("sleep", ArgType.DURATION, 1, "Wait this long between tries."),
                    ArgSpec.optional("connect_timeout", ArgType.DURATION, 5, "How long one try may take; opening the connection "
                            + "itself is bounded by the host's ansible_timeout.")),
            false, """
            wait_for_connection:
              delay: 10
              timeout: 300
            """);

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    /** Changes nothing anywhere. */
    @Override
    public boolean isReadOnly(Map<String, Object> args) {
        return true;
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.readsOnly();
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws InterruptedException {
        String last = attempt(ctx, args.duration("connect_timeout"));
        if (last == null) {
            return Change.none("the host answers").withResult(Map.of("changed", false, "elapsed", 0L));
        }
        return new Change(ChangeKind.UNKNOWN, "would wait up to " + args.duration("timeout").toSeconds()
                + "s for the host to answer (now: " + last + ")", null, null, null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, InterruptedException {
        long start = System.nanoTime();
        Thread.sleep(args.duration("delay").toMillis());
        long deadline = System.nanoTime() + args.duration("timeout").toNanos();
        Duration each = args.duration("connect_timeout");
        String last = attempt(ctx, each);
        while (last != null) {
            if (System.nanoTime() + args.duration("sleep").toNanos() > deadline) {
                throw new ModuleException("timed out waiting for ping module test: " + last);
            }
            Thread.sleep(args.duration("sleep").toMillis());
            try {
                ctx.reconnect();
                last = attempt(ctx, each);
            } catch (ConnectionException e) {
                last = e.getMessage();
            }
        }
        long elapsed = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        return new ModuleResult(false, false, "the host answered after " + elapsed + "s", Map.of("elapsed", elapsed), null);
    }

    /** One try: null when the host ran the command, else what went wrong. */
    private static String attempt(ModuleContext ctx, Duration timeout) throws InterruptedException {
        try {
            CommandResult r = ctx.run(CommandRequest.readOnly(Command.Argv.of("true")).withTimeout(timeout));
            if (r.exitCode() == 0) {
                return null;
            }
            return r.timedOut() ? "no answer within " + timeout.toSeconds() + "s" : "exit " + r.exitCode();
        } catch (ConnectionException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            // the engine's context reports an unreachable host from connection() this way
            return e.getMessage();
        }
    }
}
