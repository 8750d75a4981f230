package dev.runbook.exec;

import dev.runbook.event.RunEvent;
import dev.runbook.event.RunEvent.Mode;
import dev.runbook.event.TaskOutcome;
import dev.runbook.model.Expr;
import dev.runbook.model.LoopControl;
import dev.runbook.model.Step;
import dev.runbook.model.LookupLoop;
import dev.runbook.model.Task;
import dev.runbook.modules.Change;
import dev.runbook.modules.Module;
import dev.runbook.template.TemplateException;
import dev.runbook.template.VarScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one task on one host: when, loop, retries/until, ignore_errors, register, no_log; each
 * attempt of the module (and changed_when/failed_when) is a {@link ModuleCall}. Emits the task's events.
 */
final class TaskRunner {
    static final String HIDDEN = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";
    private static final Duration DEFAULT_DELAY = Duration.ofSeconds(5);

    private final RunContext run;
    private final HostState host;
    private final Step step;
    private final int index;
    private final Task task;
    private final ModuleCall call;
    private boolean warnedMissing;

    TaskRunner(RunContext run, HostState host, Step step, int index, Task task, StepShared shared) {
        this.run = run;
        this.host = host;
        this.step = step;
        this.index = index;
        this.task = task;
        this.call = new ModuleCall(run, host, step, index, task, shared);
    }

    /** Runs the task (every loop item) and returns its overall outcome; registers the result. */
    TaskOutcome run(Scope scope) throws InterruptedException {
        Instant start = Instant.now();
        TaskOutcome prior = run.resume().finished(host.name(), step.id(), index, RunEvent.NO_ITEM);
        if (prior != null) {
            return restore(prior, null, RunEvent.NO_ITEM);
        }
        if (!run.begin(new RunEvent.TaskStarted(start, host.name(), step.id(), index, task.displayName(), null))) {
            return notStarted();
        }
        TaskOutcome outcome;
        try {
            outcome = task.loop() == null ? once(scope, null, RunEvent.NO_ITEM) : loop(scope);
        } catch (TemplateException e) {
            outcome = failedOrUnknown(e, scope);
        }
        outcome = ignoreErrors(outcome);
        unknownFacts(outcome);
        register(outcome);
        TaskOutcome shown = masked(outcome);
        run.emit(new RunEvent.TaskFinished(Instant.now(), host.name(), step.id(), index, task.displayName(), null,
                shown, Duration.between(start, Instant.now())));
        return shown;
    }

    /** Takes what an earlier attempt of this run recorded instead of running again (apply --resume). */
    private TaskOutcome restore(TaskOutcome prior, String label, int itemIndex) {
        host.setFactsFrom(prior instanceof TaskOutcome.Ok ok ? ok.result() : Map.of());
        if (itemIndex == RunEvent.NO_ITEM) {
            register(prior);
        }
        run.emit(new RunEvent.TaskRestored(Instant.now(), host.name(), step.id(), index, task.displayName(), label,
                prior, itemIndex));
        return prior;
    }

    private static TaskOutcome notStarted() {
        return new TaskOutcome.Failed("not started: the run's journal could not record it", Map.of(), false);
    }

    private TaskOutcome loop(Scope scope) throws TemplateException, InterruptedException {
        Object loop = task.loop() instanceof LookupLoop l ? l.terms() : task.loop();
        String dependsOn = scope.unknownReference(loop);
        if (dependsOn != null) {
            return unknownBecause(scope, dependsOn);
        }
        Object items = loop instanceof String s
                ? run.templater().render(s, scope.vars(), task.span()) : run.templater().render(loop, scope.vars(), task.span());
        if (task.loop() instanceof LookupLoop l) {
            items = WithLoops.items(run.templater(), l.plugin(), items, task, scope.vars());
        }
        if (!(items instanceof List<?> list)) {
            return new TaskOutcome.Failed(task.span() + ": loop must give a list, got " + describe(items), Map.of(), false);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        List<TaskOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            LoopItem item = new LoopItem(task.loopControl(), list, i);
            TaskOutcome o = item(scope, item, i);
            outcomes.add(o);
            Map<String, Object> r = new LinkedHashMap<>(Outcomes.registered(o));
            r.putAll(item.vars());
            results.add(r);
            if (o instanceof TaskOutcome.Unreachable) {
                return o;
            }
        }
        return Outcomes.combine(outcomes, results);
    }

    /** One loop item: restored from an earlier attempt of the run, or run (after loop_control.pause) with its own events. */
    private TaskOutcome item(Scope scope, LoopItem item, int i) throws InterruptedException {
        LoopControl control = task.loopControl();
        Scope itemScope = scope.withLayer(VarScope.Layer.TASK, item.vars());
        Instant start = Instant.now();
        // no_log hides the item too (it often holds the password), unless a label says what to show
        String label = task.noLog() && control.label() == null ? NO_LOG_ITEM : label(item.value());
        TaskOutcome labelFailed = null;
        if (control.label() != null) {
            try {
                label = String.valueOf(run.templater().renderText(control.label(), itemScope.vars(), task.span()));
            } catch (TemplateException e) {
                labelFailed = new TaskOutcome.Failed("loop_control.label: " + itemScope.explain(e), Map.of(), false);
            }
        }
        TaskOutcome prior = run.resume().finished(host.name(), step.id(), index, i);
        if (prior != null) {
            return restore(prior, label, i);
        }
        if (i > 0 && !control.pause().isZero() && run.mode() == Mode.APPLY) {
            run.control().sleep(control.pause());
        }
        if (!run.begin(new RunEvent.TaskStarted(start, host.name(), step.id(), index, task.displayName(), label, i))) {
            return notStarted();
        }
        TaskOutcome o;
        try {
            o = labelFailed != null ? labelFailed : once(itemScope, item.value(), i);
        } catch (TemplateException e) {
            o = failedOrUnknown(e, scope);
        }
        run.emit(new RunEvent.TaskFinished(Instant.now(), host.name(), step.id(), index, task.displayName(),
                task.noLog() ? label : call.secrets().mask(label), masked(o), Duration.between(start, Instant.now()), i));
        return o;
    }

    /** One execution (one loop item): when, then attempts until success or retries run out. */
    private TaskOutcome once(Scope scope, Object item, int itemIndex) throws TemplateException, InterruptedException {
        boolean bare = run.modules().find(task.module().module()).map(Module::isControllerOnly).orElse(false);
        String dependsOn = scope.unknownReferenceIn(bare, task.when(), task.module().args());
        if (dependsOn == null && run.mode() == Mode.PLAN && (bare || Boolean.FALSE.equals(task.checkMode()))) {
            // Runs for real in the plan: its changed_when/failed_when are evaluated too (over its own new result).
            dependsOn = scope.without(task.register()).unknownReference(task.changedWhen(), task.failedWhen());
        }
        if (dependsOn != null) {
            return unknownBecause(scope, dependsOn);
        }
        if (task.when() != null && !run.templater().test(task.when(), scope.vars())) {
            String missing = run.producers().missing(task.when().text(), scope.vars(), step.id(), host);
            if (missing != null && !warnedMissing) {
                warnedMissing = true; // once per task, not once per loop item
                run.emit(new RunEvent.Warning(Instant.now(), host.name(), step.id() + " › " + task.displayName()
                        + ": when: " + task.when().text() + " was false, and " + missing + "; the task was skipped"));
            }
            return new TaskOutcome.Skipped("when: " + task.when().text() + " was false");
        }
        return attempts(scope, itemIndex);
    }

    /** Attempts until success, until: holds, or retries run out (one attempt in plan mode). */
    private TaskOutcome attempts(Scope scope, int itemIndex) throws TemplateException, InterruptedException {
        int attempts = task.retries() == null ? 1 : Math.max(1, task.retries() + 1);
        Duration delay = task.delay() == null ? DEFAULT_DELAY : task.delay();
        TaskOutcome outcome = null;
        int used = run.resume().attemptsUsed(host.name(), step.id(), index, itemIndex);
        for (int attempt = Math.min(used + 1, attempts); attempt <= attempts; attempt++) {
            outcome = call.attempt(scope);
            if (run.mode() == Mode.PLAN || outcome instanceof TaskOutcome.Unreachable || !wantsRetry(outcome, scope)) {
                break;
            }
            if (attempt < attempts) {
                run.emit(new RunEvent.TaskRetried(Instant.now(), host.name(), step.id(), index, itemIndex, attempt));
                run.emit(new RunEvent.Warning(Instant.now(), host.name(), task.displayName() + ": attempt " + attempt
                        + " of " + attempts + " did not succeed; retrying in " + delay.toSeconds() + "s"));
                run.control().sleep(delay);
            }
        }
        return outcome;
    }

    private boolean wantsRetry(TaskOutcome outcome, Scope scope) throws TemplateException {
        if (task.until() == null) {
            return task.retries() != null && outcome instanceof TaskOutcome.Failed;
        }
        return !run.templater().test(task.until(), scope.withResult(task.register(), Outcomes.registered(outcome)).vars());
    }

    /** Unknown in a plan; what the task may change is noted for the predictions after it. */
    private TaskOutcome unknownBecause(Scope scope, String name) {
        run.modules().find(task.module().module()).filter(m -> !m.isControllerOnly())
                .ifPresent(m -> call.planMode().noteUnknown(m, task.module().args(), scope, task.module().span()));
        return PlanMode.unknownBecause(scope, name);
    }

    /** A template error; in plan mode, one caused by a value known only when applying is unknown instead. */
    private TaskOutcome failedOrUnknown(TemplateException e, Scope scope) {
        return PlanMode.failedOrUnknown(run.mode() == Mode.PLAN, e, scope);
    }

    private void unknownFacts(TaskOutcome o) {
        PlanMode.unknownFacts(o, run.modules().find(task.module().module()).orElse(null), task.module().args(), host);
    }

    private TaskOutcome ignoreErrors(TaskOutcome o) {
        if (task.ignoreErrors() && o instanceof TaskOutcome.Failed f) {
            return new TaskOutcome.Failed(f.msg(), f.result(), true);
        }
        return o;
    }

    private void register(TaskOutcome o) {
        if (task.register() == null) {
            return;
        }
        if (o instanceof TaskOutcome.Planned p) {
            boolean observesHost = !run.modules().find(task.module().module()).map(Module::isControllerOnly).orElse(false);
            // What a probe saw after an earlier task would have changed the host is not what apply will see.
            if (p.change().result() == null || (observesHost && host.predictions().unscopedChange())) {
                host.setUnknown(task.register());
                return;
            }
        }
        host.setFact(task.register(), Outcomes.registered(o));
    }

    /** What a no_log loop shows for each item without a loop_control label. */
    static final String NO_LOG_ITEM = "(hidden: no_log)";

    private TaskOutcome masked(TaskOutcome o) {
        if (!task.noLog()) {
            return call.secrets().mask(o);
        }
        if (o instanceof TaskOutcome.Ok ok) {
            return new TaskOutcome.Ok(ok.changed(), HIDDEN, Map.of("censored", HIDDEN), null);
        }
        if (o instanceof TaskOutcome.Failed f) {
            return new TaskOutcome.Failed(HIDDEN, Map.of("censored", HIDDEN), f.ignored());
        }
        if (o instanceof TaskOutcome.Planned p) {
            return new TaskOutcome.Planned(new Change(p.change().kind(), HIDDEN, null, null, p.change().probe()));
        }
        return o;
    }

    static String label(Object item) {
        String s = dev.runbook.modules.core.Values.show(item);
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static String describe(Object v) {
        return v == null ? "nothing" : v instanceof Map ? "a map" : "'" + v + "'";
    }

    /** Kept for callers that hold an Expr and want its text safely. */
    static String text(Expr e) {
        return e == null ? "" : e.text();
    }
}
