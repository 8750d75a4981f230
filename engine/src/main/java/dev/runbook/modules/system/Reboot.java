package dev.runbook.modules.system;

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
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code reboot}: reads the boot id, runs the reboot command, then reconnects over new
 * connections until the boot id differs (the host really went down and came back), waits
 * post_reboot_delay, and runs test_command until it succeeds. All within reboot_timeout.
 */
public final class Reboot implements Module {
    static final String DEFAULT_MSG = "Reboot initiated by runbook";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);
    private static final ModuleSpec SPEC = new ModuleSpec("reboot",
            "Reboot the host and wait until it is back: a new connection sees a new boot id and test_command succeeds.",
            List.of(
                    ArgSpec.optional("reboot_timeout", ArgType.DURATION, 600,
                            "How long to wait for the host to go down, come back and pass test_command."),
                    ArgSpec.optional("msg", ArgType.STRING, DEFAULT_MSG, "The message shutdown broadcasts to logged-in users."),
                    ArgSpec.optional("pre_reboot_delay", ArgType.DURATION, 0,
                            "Delay before the reboot, given to shutdown in whole minutes (less than 60 s means now). "
                                    + "Ignored with reboot_command."),
                    ArgSpec.optional("post_reboot_delay", ArgType.DURATION, 0,
                            "Wait this long after the host is back, before test_command (services still starting)."),
                    ArgSpec.optional("test_command", ArgType.STRING, "whoami",
                            "Run on the rebooted host until it exits 0; the host is ready then."),
                    ArgSpec.optional("boot_time_command", ArgType.STRING, "cat /proc/sys/kernel/random/boot_id",
                            "Prints something that changes with every boot; the host has rebooted once it prints something else."),
                    ArgSpec.optional("reboot_command", ArgType.STRING, null,
                            "The command that reboots (default: shutdown -r +MINUTES \"msg\", found in search_paths)."),
                    ArgSpec.optional("connect_timeout", ArgType.DURATION, null,
                            "Accepted for Ansible roles: each attempt uses the host's own connect timeout (ansible_timeout)."),
                    ArgSpec.optional("search_paths", ArgType.LIST, List.of("/sbin", "/bin", "/usr/sbin", "/usr/bin", "/usr/local/sbin"),
                            "Where to look for shutdown when reboot_command is not given.")),
            false, """
            reboot:
              msg: Rebooting for the new kernel
              reboot_timeout: 900
              post_reboot_delay: 10
            """);

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) {
        return Change.of(ChangeKind.CHANGE, "would reboot and wait up to " + args.duration("reboot_timeout").toSeconds()
                + "s for the host to come back");
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        if (isLocal(ctx)) {
            throw new ModuleException("reboot over the local connection would reboot the machine running runbook, which cannot "
                    + "wait for itself to come back; refusing (as Ansible does). Reach " + ctx.host() + " over SSH instead.");
        }
        long start = System.nanoTime();
        Duration timeout = args.duration("reboot_timeout");
        long deadline = start + timeout.toNanos();
        String before = bootId(ctx, args.string("boot_time_command"));
        String command = rebootCommand(ctx, args);
        trigger(ctx, command);
        String after = awaitNewBoot(ctx, args.string("boot_time_command"), before, deadline, timeout);
        Thread.sleep(args.duration("post_reboot_delay").toMillis());
        awaitTest(ctx, args.string("test_command"), deadline, timeout);
        long elapsed = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        return new ModuleResult(true, false, "rebooted in " + elapsed + "s (boot id " + shorten(before) + " → " + shorten(after) + ")",
                Map.of("rebooted", true, "elapsed", elapsed), null);
    }

    /** The host is reached with the local connection: ansible_connection=local, or localhost with no ansible_host. */
    static boolean isLocal(ModuleContext ctx) {
        Object kind = ctx.vars().get("ansible_connection");
        if (kind != null) {
            return String.valueOf(kind).equals("local");
        }
        return List.of("localhost", "127.0.0.1", "::1").contains(ctx.host()) && !ctx.vars().containsKey("ansible_host");
    }

    private static String bootId(ModuleContext ctx, String command) throws ModuleException, ConnectionException, InterruptedException {
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(command)).withTimeout(COMMAND_TIMEOUT));
        if (r.exitCode() != 0 || r.stdout().isBlank()) {
            throw new ModuleException("boot_time_command '" + command + "' failed before the reboot (exit " + r.exitCode()
                    + "): " + r.stderr().strip());
        }
        return r.stdout().strip();
    }

    /** The reboot_command as given, else shutdown from search_paths with the delay in minutes and msg. */
    static String rebootCommand(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        if (args.has("reboot_command")) {
            return args.string("reboot_command");
        }
        StringBuilder find = new StringBuilder();
        for (String dir : args.strings("search_paths")) {
            String path = dir.replaceAll("/+$", "") + "/shutdown";
            find.append("[ -x ").append(ShellQuote.quote(path)).append(" ] && { echo ").append(ShellQuote.quote(path)).append("; exit 0; }; ");
        }
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(find + "exit 1")));
        if (r.exitCode() != 0) {
            throw new ModuleException("no shutdown command in " + String.join(", ", args.strings("search_paths"))
                    + " on " + ctx.host() + "; give reboot_command or search_paths");
        }
        long minutes = args.duration("pre_reboot_delay").toMinutes();
        return ShellQuote.quote(r.stdout().strip()) + " -r +" + minutes + " " + ShellQuote.quote(args.string("msg"));
    }

    /** Runs the reboot command; the connection dropping under it is what a reboot looks like. */
    private static void trigger(ModuleContext ctx, String command) throws ModuleException, InterruptedException {
        try {
            CommandResult r = ctx.run(CommandRequest.of(new Command.Shell(command)).withTimeout(COMMAND_TIMEOUT));
            if (r.exitCode() != 0 && !r.timedOut()) {
                throw new ModuleException("the reboot command '" + command + "' failed (exit " + r.exitCode() + "): "
                        + (r.stderr() + r.stdout()).strip());
            }
        } catch (ConnectionException e) {
            // the host went down while the command ran
        }
    }

    private static String awaitNewBoot(ModuleContext ctx, String command, String before, long deadline, Duration timeout)
            throws ModuleException, InterruptedException {
        String last = "no connection yet";
        for (int attempt = 0; ; attempt++) {
            try {
                ctx.reconnect();
                CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(command)).withTimeout(COMMAND_TIMEOUT));
                String now = r.stdout().strip();
                if (r.exitCode() == 0 && !now.isEmpty() && !now.equals(before)) {
                    return now;
                }
                last = r.exitCode() != 0 ? "boot_time_command exited " + r.exitCode() : "the boot id has not changed yet";
            } catch (ConnectionException e) {
                last = e.getMessage();
            }
            String seen = last;
            pause(attempt, deadline, () -> new ModuleException("the host did not come back within reboot_timeout ("
                    + timeout.toSeconds() + "s); last: " + seen));
        }
    }

    private static void awaitTest(ModuleContext ctx, String command, long deadline, Duration timeout)
            throws ModuleException, InterruptedException {
        String last = "";
        for (int attempt = 0; ; attempt++) {
            try {
                CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(command)).withTimeout(COMMAND_TIMEOUT));
                if (r.exitCode() == 0) {
                    return;
                }
                last = "exit " + r.exitCode() + ": " + (r.stderr() + r.stdout()).strip();
            } catch (ConnectionException e) {
                last = e.getMessage();
                try {
                    ctx.reconnect();
                } catch (ConnectionException again) {
                    last = again.getMessage();
                }
            }
            String seen = last;
            pause(attempt, deadline, () -> new ModuleException("the host came back but test_command '" + command
                    + "' did not succeed within reboot_timeout (" + timeout.toSeconds() + "s); last: " + seen));
        }
    }

    private interface Failure {
        ModuleException get();
    }

    /** Waits before the next attempt (250 ms doubling up to 5 s), or fails once past the deadline. */
    private static void pause(int attempt, long deadline, Failure failure) throws ModuleException, InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw failure.get();
        }
        long millis = Math.min(MAX_PAUSE.toMillis(), 250L << Math.min(attempt, 5));
        Thread.sleep(Math.min(millis, Math.max(1, left / 1_000_000)));
    }

    private static String shorten(String id) {
        return id.length() > 12 ? id.substring(0, 8) + "…" : id;
    }
}
