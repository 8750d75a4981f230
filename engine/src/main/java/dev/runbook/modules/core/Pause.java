package dev.runbook.modules.core;

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
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Ansible's {@code pause}: waits {@code seconds} or {@code minutes}, or, with neither, asks
 * {@code prompt} on the terminal and registers the answer as {@code user_input}. Without a
 * terminal (CI, output piped) a prompt is not waited for, as Ansible does in non-interactive
 * runs: the task goes on with an empty {@code user_input} and says so. Plans do not pause.
 */
public final class Pause implements Module {
    static final String NOT_INTERACTIVE = "Not waiting for response to prompt as stdin is not interactive";
    private static final ModuleSpec SPEC = new ModuleSpec("pause",
            "Wait a number of seconds or minutes, or until someone answers a prompt on the terminal (Ansible's ansible.builtin.pause).",
            List.of(
                    ArgSpec.optional("seconds", ArgType.INT, null, "Wait this many seconds (at least 1)."),
                    ArgSpec.optional("minutes", ArgType.INT, null, "Wait this many minutes."),
                    ArgSpec.optional("prompt", ArgType.STRING, null, "Without seconds or minutes: the question to ask; the answer is "
                            + "registered as user_input. Without a terminal it is not waited for."),
                    ArgSpec.optional("echo", ArgType.BOOL, true, "false: the answer is not shown while typed.")),
            false, """
            pause:
              prompt: Check the shop in maintenance mode, then press enter
            """);

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        List<String> problems = new ArrayList<>();
        if (args.has("seconds") && args.has("minutes")) {
            problems.add("parameters are mutually exclusive: minutes|seconds");
        }
        return problems;
    }

    /** Changes nothing anywhere. */
    @Override
    public boolean isReadOnly(Map<String, Object> args) {
        return true;
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.NONE;
    }

    private static Long seconds(Args args) {
        if (args.has("minutes")) {
            return Math.max(1, args.integer("minutes") * 60);
        }
        return args.has("seconds") ? Math.max(1, args.integer("seconds")) : null;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException {
        dev.runbook.modules.system.Checks.ensureValid(this, args);
        Long seconds = seconds(args);
        String what = seconds != null ? "would pause for " + seconds + " seconds" : "would ask: " + prompt(args);
        return new Change(ChangeKind.NONE, what + " (not while planning)", null, null, null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, InterruptedException {
        dev.runbook.modules.system.Checks.ensureValid(this, args);
        Long seconds = seconds(args);
        long start = System.nanoTime();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("start", LocalDateTime.now().toString().replace('T', ' '));
        String input = "";
        String msg = "";
        if (seconds != null) {
            Thread.sleep(seconds * 1000);
        } else {
            boolean echo = args.bool("echo");
            Optional<String> answer = ctx.prompt(prompt(args) + (echo ? "" : " (output is hidden)") + ": ", echo);
            if (answer.isEmpty()) {
                msg = NOT_INTERACTIVE;
            } else {
                input = answer.get();
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        boolean minutes = args.has("minutes");
        data.put("stop", LocalDateTime.now().toString().replace('T', ' '));
        data.put("delta", (long) elapsed);
        data.put("echo", args.bool("echo"));
        data.put("rc", 0);
        data.put("stderr", "");
        data.put("stdout", String.format(Locale.ROOT, "Paused for %s %s", round(minutes ? elapsed / 60 : elapsed), minutes ? "minutes" : "seconds"));
        data.put("user_input", input);
        return new ModuleResult(false, false, msg.isEmpty() ? String.valueOf(data.get("stdout")) : msg, data, null);
    }

    private static String prompt(Args args) {
        return args.has("prompt") ? args.string("prompt") : "Press enter to continue, Ctrl+C to interrupt";
    }

    /** Python's round(x, 2) as str() prints it: 0.5, 1.0, 2.25. */
    private static String round(double v) {
        double r = Math.round(v * 100) / 100.0;
        return r == Math.rint(r) ? String.valueOf((long) r) + ".0" : String.valueOf(r);
    }
}
