package dev.runbook.modules.core;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.model.ModuleCall;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code command} (argv, no shell) and {@code shell} ({@code /bin/sh -c}). Neither can know what
 * it would change, so check answers "would run" ({@code ?}) unless {@code creates}, {@code removes}
 * or a read-only {@code check} probe decides. The same decision is made again before apply runs.
 */
public final class CommandModule implements Module {
    /** Exit status of a {@code check:} probe meaning "would change". */
    public static final int CHECK_WOULD_CHANGE = 0;
    /** Exit status of a {@code check:} probe meaning "nothing to do". */
    public static final int CHECK_NOTHING_TO_DO = 1;

    private final boolean shell;
    private final ModuleSpec spec;

    private CommandModule(boolean shell) {
        this.shell = shell;
        this.spec = spec(shell);
    }

    public static CommandModule command() {
        return new CommandModule(false);
    }

    public static CommandModule shell() {
        return new CommandModule(true);
    }

    private static ModuleSpec spec(boolean shell) {
        List<ArgSpec> args = new ArrayList<>();
        args.add(ArgSpec.optional("cmd", ArgType.STRING, null, shell
                ? "The script to run with /bin/sh -c (or give it as the free-form value)."
                : "The command line; split into words like a shell would, but run without one."));
        if (!shell) {
            args.add(ArgSpec.optional("argv", ArgType.LIST, null, "The command as a list of words; no splitting, no shell."));
        } else {
            args.add(ArgSpec.optional("executable", ArgType.STRING, null, "Shell to use instead of /bin/sh, e.g. /bin/bash."));
        }
        args.add(ArgSpec.optional("chdir", ArgType.STRING, null, "Directory to run in."));
        args.add(ArgSpec.optional("creates", ArgType.STRING, null, "A path; when it exists the command is not run (and dry-run says so)."));
        args.add(ArgSpec.optional("removes", ArgType.STRING, null, "A path; when it does not exist the command is not run."));
        args.add(ArgSpec.optional("check", ArgType.STRING, null, "A read-only shell probe run first, in dry-run and apply: exit "
                + CHECK_WOULD_CHANGE + " = would change (run the command), " + CHECK_NOTHING_TO_DO
                + " = nothing to do (do not run it), anything else = cannot tell."));
        args.add(ArgSpec.optional("stdin", ArgType.STRING, null, "Text fed to the command's standard input."));
        args.add(ArgSpec.optional("env", ArgType.MAP, null, "Environment variables for the command."));
        String desc = shell
                ? "Runs a script with /bin/sh -c on the host. Reports changed whenever it runs; use creates, removes, check or changed_when to say otherwise."
                : "Runs a program with its arguments on the host, without a shell (no pipes, globs or variables). Reports changed whenever it runs.";
        String example = shell
                ? "shell: php cli/upgrade.php > /tmp/upgrade.log\nargs:\n  chdir: /var/www/shop\n  creates: /var/www/shop/.upgraded"
                : "command: tar -czf /backup/shop.tgz /var/www/shop\ncreates: /backup/shop.tgz";
        return new ModuleSpec(shell ? "shell" : "command", desc, args, true, example);
    }

    @Override
    public ModuleSpec spec() {
        return spec;
    }

    /**
     * A command's probes read its {@code creates}/{@code removes} paths (and anything, with a
     * {@code check} script); what it changes is known only through those paths. Without them,
     * what it changes is not known.
     */
    @Override
    public Footprint footprint(Args args) {
        List<Resource> paths = new ArrayList<>();
        for (String field : List.of("creates", "removes")) {
            if (args.has(field)) {
                paths.add(Resource.path(args.string(field)));
            }
        }
        List<Resource> reads = new ArrayList<>(paths);
        if (args.has("check")) {
            reads.add(Resource.anything());
        }
        return new Footprint(reads, paths.isEmpty() ? null : paths);
    }

    @Override
    public List<String> validate(Args args) {
        boolean hasRaw = args.has(ModuleCall.FREE_FORM) && !args.freeForm().isBlank();
        int given = (hasRaw ? 1 : 0) + (args.has("cmd") ? 1 : 0) + (args.has("argv") ? 1 : 0);
        if (given == 0) {
            return List.of(spec.name() + " needs a command: a free-form value" + (shell ? "" : ", 'argv'") + " or 'cmd'");
        }
        if (given > 1) {
            return List.of(spec.name() + " takes one of the free-form value, 'cmd'" + (shell ? "" : " and 'argv'") + ", not several");
        }
        if (!shell && !args.has("argv")) {
            try {
                if (Shlex.split(text(args)).isEmpty()) {
                    return List.of("command is empty");
                }
            } catch (IllegalArgumentException e) {
                return List.of(e.getMessage());
            }
        }
        return List.of();
    }

    /** A command decides through creates, removes or a check probe; without one it cannot tell whether it ran. */
    @Override
    public boolean safeToRepeat(Map<String, Object> args) {
        return args.containsKey("creates") || args.containsKey("removes") || args.containsKey("check");
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Change decided = decide(ctx, args);
        return decided != null ? decided : Change.unknown("would run: " + display(args));
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Change decided = decide(ctx, args);
        if (decided != null && decided.kind() == ChangeKind.NONE) {
            return new ModuleResult(false, false, decided.summary(), Map.of("rc", 0, "stdout", "", "stderr", "",
                    "stdout_lines", List.of(), "stderr_lines", List.of(), "cmd", display(args), "skipped_run", true), null);
        }
        CommandRequest req = CommandRequest.of(command(args))
                .withCwd(args.string("chdir"))
                .withEnv(env(args));
        if (args.has("stdin")) {
            req = req.withStdin(args.string("stdin").getBytes(StandardCharsets.UTF_8));
        }
        CommandResult r = ctx.stream(req);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cmd", display(args));
        data.put("rc", r.exitCode());
        // Like Ansible, trailing newlines are dropped, so "{{ out.stdout }}" is the text itself.
        data.put("stdout", stripEnds(r.stdout()));
        data.put("stderr", stripEnds(r.stderr()));
        data.put("stdout_lines", r.stdout().lines().toList());
        data.put("stderr_lines", r.stderr().lines().toList());
        data.put("delta", r.duration().toMillis() / 1000.0);
        String msg = r.timedOut() ? "timed out after " + ctx.timeout().toSeconds() + "s (process tree killed)"
                : r.exitCode() == 0 ? "" : "non-zero exit code " + r.exitCode() + lastLine(r);
        return new ModuleResult(true, r.exitCode() != 0, msg, data, null);
    }

    static String stripEnds(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String lastLine(CommandResult r) {
        String text = r.stderr().isBlank() ? r.stdout() : r.stderr();
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1);
    }

    /** creates / removes / check: NONE (do not run), CHANGE (run), UNKNOWN (probe cannot tell), or null (no probe). */
    private Change decide(ModuleContext ctx, Args args) throws ConnectionException, InterruptedException {
        if (args.has("creates") && exists(ctx, args.string("creates"))) {
            return Change.none("not run: " + args.string("creates") + " exists");
        }
        if (args.has("removes") && !exists(ctx, args.string("removes"))) {
            return Change.none("not run: " + args.string("removes") + " does not exist");
        }
        if (args.has("check")) {
            CommandRequest probe = CommandRequest.readOnly(new Command.Shell(args.string("check"))).withCwd(args.string("chdir"));
            CommandResult r = ctx.run(probe);
            if (r.exitCode() == CHECK_NOTHING_TO_DO) {
                return Change.none("not run: check says nothing to do");
            }
            if (r.exitCode() == CHECK_WOULD_CHANGE) {
                return Change.of(ChangeKind.CHANGE, "would run: " + display(args) + " (check says it would change)");
            }
            return Change.unknown("would run: " + display(args) + " (check exited " + r.exitCode() + ": cannot tell)");
        }
        if (args.has("creates") || args.has("removes")) {
            return Change.of(ChangeKind.CHANGE, "would run: " + display(args));
        }
        return null;
    }

    private static boolean exists(ModuleContext ctx, String path) throws ConnectionException, InterruptedException {
        return ctx.run(CommandRequest.readOnly(Command.Argv.of("test", "-e", path))).exitCode() == 0;
    }

    private Command command(Args args) {
        if (shell) {
            String exe = args.string("executable");
            return exe == null ? new Command.Shell(text(args)) : new Command.Argv(List.of(exe, "-c", text(args)));
        }
        if (args.has("argv")) {
            return new Command.Argv(args.strings("argv"));
        }
        return new Command.Argv(Shlex.split(text(args)));
    }

    private static String text(Args args) {
        return args.has("cmd") ? args.string("cmd") : args.freeForm();
    }

    private String display(Args args) {
        return !shell && args.has("argv") ? ShellQuote.join(args.strings("argv")) : text(args);
    }

    private static Map<String, String> env(Args args) {
        Map<String, String> out = new LinkedHashMap<>();
        args.map("env").forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
        return out;
    }
}
