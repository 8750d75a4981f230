package dev.runbook.exec;

import dev.runbook.connection.ConnectionException;
import dev.runbook.diag.SourceSpan;
import dev.runbook.event.TaskOutcome;
import dev.runbook.model.Expr;
import dev.runbook.modules.Change;
import dev.runbook.modules.Args;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Footprint;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.Resource;
import dev.runbook.modules.ModuleResult;
import dev.runbook.template.TemplateException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plan mode for one task: its prediction (stale when it reads what an earlier task is predicted
 * to change), a check_mode: false task run for real, and how tasks that ran are shown.
 */
final class PlanMode {
    /** Marks a check_mode: false task that ran while planning. */
    static final String READ_ONLY_RAN = "(ran: read-only) ";
    /** Marks a check_mode: false task that was not run while planning because what it reads would change first. */
    static final String READ_ONLY_NOT_RUN = "(not run: read-only) ";

    /** Applies changed_when and failed_when to what a module did. */
    interface Judge {
        TaskOutcome judge(ModuleResult r) throws TemplateException;
    }

    private final RunContext run;
    private final HostState host;
    private final String step;
    private final String task;

    PlanMode(RunContext run, HostState host, String step, String task) {
        this.run = run;
        this.host = host;
        this.step = step;
        this.task = task;
    }

    /**
     * The module's check, unless its probes read what an earlier task is predicted to change (then
     * unknown, naming that task; "=" for a module that changes nothing, with an unknown result).
     * What this task would change is noted for later ones.
     */
    Change predict(Module module, ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Footprint footprint = module.footprint(args);
        String stale = host.predictions().stale(step, run.before(step), footprint.reads());
        Change change = stale == null ? module.check(ctx, args)
                : readsOnly(footprint) ? new Change(ChangeKind.NONE, "changes nothing; what it reads " + stale, null, null, null)
                : Change.unknown(stale);
        host.predictions().note(step, task, footprint, change.kind());
        return change;
    }

    /**
     * check_mode: false: the task runs for real, as its author vouches that it only reads; unless
     * what it may read is predicted to change first (then it is not run and its result is unknown).
     */
    TaskOutcome readOnly(Module module, ModuleContext ctx, Args args, Judge judge)
            throws ModuleException, ConnectionException, InterruptedException, TemplateException {
        Footprint footprint = module.footprint(args);
        List<Resource> reads = readsOnly(footprint) ? footprint.reads() : List.of(Resource.anything());
        String stale = host.predictions().stale(step, run.before(step), reads);
        if (stale != null) {
            return new TaskOutcome.Planned(new Change(ChangeKind.NONE, READ_ONLY_NOT_RUN + stale, null, null, null));
        }
        return ranReadOnly(judge.judge(module.apply(ctx, args)));
    }

    /**
     * The prediction as apply would report it once {@code changed_when} has judged it: a command
     * that would run but whose changed_when is false reports no change ("="), not "would change".
     * changed_when is evaluated over the predicted result when the module knows it; without one,
     * only when it does not read the task's own result (or anything else unknown). Otherwise the
     * prediction stands. What the task would change is still noted for later predictions.
     */
    Change judgedBy(Change c, Expr changedWhen, String register, Scope scope) {
        if (changedWhen == null) {
            return c;
        }
        Scope s = scope;
        if (c.result() != null) {
            Map<String, Object> data = new LinkedHashMap<>(c.result());
            data.putIfAbsent("changed", c.kind().isChange());
            data.putIfAbsent("failed", false);
            s = scope.without(register).withResult(register, data);
        } else if (register != null && Scope.reads(changedWhen.text(), register)) {
            return c;
        }
        if (s.unknownReference(changedWhen) != null) {
            return c;
        }
        boolean changed;
        try {
            changed = run.templater().test(changedWhen, s.vars());
        } catch (TemplateException e) {
            return c; // apply reports it, with the result it will have
        }
        if (!changed && c.kind() != ChangeKind.NONE) {
            return new Change(ChangeKind.NONE, c.summary() + " (changed_when: reports no change)", c.diff(), c.result(), c.probe());
        }
        if (changed && (c.kind() == ChangeKind.NONE || c.kind() == ChangeKind.UNKNOWN)) {
            return new Change(ChangeKind.CHANGE, c.summary() + " (changed_when: reports a change)", c.diff(), c.result(), c.probe());
        }
        return c;
    }

    /**
     * A task whose outcome the plan cannot know (its when or arguments read a value known only
     * when applying) may still run and change what its footprint names: noted, so later probes of
     * the same things are unknown rather than "already done". Arguments that cannot be rendered
     * stand in as unknown; a path that holds one is cut to the known directory above it. A module
     * that cannot say what such a call changes notes nothing (as for a bare command).
     */
    void noteUnknown(Module module, Map<String, Object> rawArgs, Scope scope, SourceSpan span) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : rawArgs.entrySet()) {
            try {
                rendered.put(e.getKey(), run.templater().render(e.getValue(), scope.vars(), span));
            } catch (TemplateException | RuntimeException ex) {
                rendered.put(e.getKey(), e.getValue() instanceof String text ? knownPrefix(text, scope, span) : UNKNOWN_ARG);
            }
        }
        try {
            Args.Bound bound = Args.bind(module.spec(), rendered);
            if (!bound.ok()) {
                return;
            }
            Footprint f = module.footprint(bound.args());
            if (!f.writesKnown()) {
                return;
            }
            List<Resource> writes = f.writes().stream().map(PlanMode::knownPart).toList();
            host.predictions().note(step, task, new Footprint(f.reads(), writes), ChangeKind.UNKNOWN);
        } catch (RuntimeException e) {
            // the footprint of arguments that cannot be known: nothing to note
        }
    }

    private static final String UNKNOWN_ARG = "/\u0000unknown";
    private static final Pattern TAG = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}", Pattern.DOTALL);

    /** {@code text} rendered up to its first template tag that cannot be rendered, then unknown. */
    private String knownPrefix(String text, Scope scope, SourceSpan span) {
        Matcher m = TAG.matcher(text);
        while (m.find()) {
            try {
                run.templater().render(text.substring(0, m.end()), scope.vars(), span);
            } catch (TemplateException | RuntimeException e) {
                try {
                    return run.templater().render(text.substring(0, m.start()), scope.vars(), span) + UNKNOWN_ARG;
                } catch (TemplateException | RuntimeException e2) {
                    return UNKNOWN_ARG;
                }
            }
        }
        return UNKNOWN_ARG;
    }

    private static Resource knownPart(Resource r) {
        int at = r.key().indexOf(UNKNOWN_ARG.substring(1));
        if (at < 0) {
            return r;
        }
        if (!r.kind().equals("path") && !r.kind().equals("entry")) {
            return Resource.anything();
        }
        String known = r.key().substring(0, at);
        int slash = known.lastIndexOf('/');
        return Resource.path(slash <= 0 ? "/" : known.substring(0, slash));
    }

    private static boolean readsOnly(Footprint f) {
        return f.writesKnown() && f.writes().isEmpty();
    }

    /** A check_mode: false task that ran during a plan: it changes nothing (its author says), its result is known. */
    static TaskOutcome ranReadOnly(TaskOutcome done) {
        if (done instanceof TaskOutcome.Ok ok) {
            String msg = ok.msg().isEmpty() ? shortResult(ok.result()) : ok.msg();
            return new TaskOutcome.Planned(new Change(ChangeKind.NONE, READ_ONLY_RAN + msg, ok.diff(), ok.result(), null));
        }
        return done;
    }

    /** {@code rc=0: first line of stdout} for a command; else {@code ran}. */
    private static String shortResult(Map<String, Object> result) {
        if (!result.containsKey("rc")) {
            return "ran";
        }
        String out = String.valueOf(result.getOrDefault("stdout", "")).strip();
        return "rc=" + result.get("rc") + (out.isEmpty() ? "" : ": " + out.lines().findFirst().orElse(""));
    }

    /** A check_mode: true task in apply: what its check found, as its result; nothing was changed. */
    static ModuleResult asResult(Change c) {
        Map<String, Object> data = c.result() == null ? Map.of() : c.result();
        return new ModuleResult(c.kind().isChange(), false, "(check mode) " + c.summary(), data, c.diff());
    }

    /** An outcome of a task that ran for real in plan mode, as the plan's prediction. */
    static TaskOutcome asPlanned(TaskOutcome done) {
        if (done instanceof TaskOutcome.Ok ok) {
            ChangeKind kind = ok.changed() ? ChangeKind.CHANGE : ChangeKind.NONE;
            return new TaskOutcome.Planned(new Change(kind, ok.msg(), ok.diff(), ok.result(), null));
        }
        return done;
    }

    /** A task that reads a value known only when applying. */
    static TaskOutcome unknownBecause(Scope scope, String name) {
        return new TaskOutcome.Planned(Change.unknown(scope.dependsOn(name)));
    }

    /** A template error; in a plan, one caused by a value known only when applying is unknown instead. */
    static TaskOutcome failedOrUnknown(boolean plan, TemplateException e, Scope scope) {
        String cause = plan ? scope.unknownCause(e) : null;
        return cause != null ? unknownBecause(scope, cause) : new TaskOutcome.Failed(scope.explain(e), Map.of(), false);
    }

    /**
     * The variables a task would set (set_fact, package_facts): known when its check already knows
     * its result, else unknown to the tasks that follow.
     */
    static void unknownFacts(TaskOutcome o, Module module, Map<String, Object> args, HostState host) {
        if (o instanceof TaskOutcome.Planned p && p.change().result() == null && module != null) {
            module.factNames(args).forEach(host::setUnknown);
        } else if (o instanceof TaskOutcome.Planned p && p.change().result() != null && !module.isControllerOnly()) {
            host.setFactsFrom(p.change().result());
        }
    }
}
