package dev.runbook.exec;

import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.OutputSink;
import dev.runbook.connection.ReadOnlyViolation;
import dev.runbook.event.RunEvent;
import dev.runbook.event.TaskOutcome;
import dev.runbook.model.Step;
import dev.runbook.model.Task;
import dev.runbook.modules.Args;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.core.SetFact;
import dev.runbook.template.TemplateException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One attempt of a task's module on one host: binds and validates the rendered arguments, runs
 * the module the way the run's mode asks (apply, predict, check), applies changed_when and
 * failed_when, and turns what went wrong (a module error, a lost host) into the task's outcome.
 * Remembers the secrets the arguments held, so the task's results can be masked.
 */
final class ModuleCall {
    private final RunContext run;
    private final HostState host;
    private final Step step;
    private final int index;
    private final Task task;
    private final StepShared shared;
    private volatile Secrets secrets = Secrets.none();

    ModuleCall(RunContext run, HostState host, Step step, int index, Task task, StepShared shared) {
        this.run = run;
        this.host = host;
        this.step = step;
        this.index = index;
        this.task = task;
        this.shared = shared;
    }

    /** The secrets the latest attempt's arguments (and the files it decrypted) held. */
    Secrets secrets() {
        return secrets;
    }

    TaskOutcome attempt(Scope scope) throws TemplateException, InterruptedException {
        Module module = run.modules().find(task.module().module()).orElseThrow();
        Object rendered = run.templater().render(task.module().args(), scope.vars(), task.module().span());
        @SuppressWarnings("unchecked")
        Args.Bound bound = Args.bind(module.spec(), (Map<String, Object>) rendered);
        if (!bound.ok()) {
            return new TaskOutcome.Failed(task.module().span() + ": " + String.join("; ", bound.problems().values()), Map.of(), false);
        }
        List<String> problems = module.validate(bound.args());
        if (!problems.isEmpty()) {
            return new TaskOutcome.Failed(task.module().span() + ": " + String.join("; ", problems), Map.of(), false);
        }
        Secrets found = rememberSecrets(bound.args(), scope);
        TaskMode how = TaskMode.of(run.mode(), module, task.checkMode());
        TaskContext ctx = new TaskContext(run, host, scope, settings(how, found, scope), shared);
        run.forks().acquire();
        try {
            return invoke(how, module, ctx, bound.args(), scope);
        } finally {
            run.forks().release();
            // The module may have decrypted a vault-encrypted src file: its content is secret from now on.
            rememberSecrets(bound.args(), scope);
        }
    }

    private Secrets rememberSecrets(Args args, Scope scope) {
        Secrets found = Secrets.of(args, scope.vars(), run.request().vault().revealed());
        if (!found.isEmpty()) {
            secrets = found;
        }
        return found;
    }

    private TaskSettings settings(TaskMode how, Secrets found, Scope scope) {
        OutputSink sink = task.noLog() ? OutputSink.NONE : (stream, line) -> run.emit(new RunEvent.TaskOutput(
                Instant.now(), host.name(), step.id(), index, stream == OutputSink.Stream.STDERR, found.mask(line)));
        Duration timeout = task.timeout() != null ? task.timeout() : step.timeout() != null ? step.timeout() : Duration.ZERO;
        return new TaskSettings(how.checkMode(), timeout, sink, task.span(), run.become(host, step, task, scope.vars()));
    }

    private TaskOutcome invoke(TaskMode how, Module module, TaskContext ctx, Args args, Scope scope)
            throws TemplateException, InterruptedException {
        try {
            return switch (how) {
                case APPLY -> judge(module.apply(ctx, args), scope);
                case PREDICT -> new TaskOutcome.Planned(planMode().judgedBy(planMode().predict(module, ctx, args),
                        task.changedWhen(), task.register(), scope));
                case RUN_ON_CONTROLLER -> PlanMode.asPlanned(judge(module.apply(ctx, args), scope));
                case RUN_READ_ONLY -> planMode().readOnly(module, ctx, args, r -> judge(r, scope));
                case CHECK_ONLY -> judge(PlanMode.asResult(module.check(ctx, args)), scope);
            };
        } catch (TaskContext.UnknownValue e) {
            return PlanMode.unknownBecause(scope, e.name);
        } catch (ModuleException e) {
            return new TaskOutcome.Failed(e.getMessage(), Map.of(), false);
        } catch (ConnectionException e) {
            return unreachable(e);
        } catch (TaskContext.Unreachable e) {
            return unreachable(e.cause);
        } catch (ReadOnlyViolation e) {
            return new TaskOutcome.Failed("module '" + module.name() + "' tried to change the host while planning ("
                    + e.getMessage() + "); this is a bug in the module, and nothing was changed", Map.of(), false);
        } catch (RuntimeException e) {
            return new TaskOutcome.Failed("module '" + module.name() + "' failed unexpectedly: " + e, Map.of(), false);
        }
    }

    PlanMode planMode() {
        return new PlanMode(run, host, step.id(), task.displayName());
    }

    private TaskOutcome unreachable(ConnectionException e) {
        host.markUnreachable(e.getMessage());
        return new TaskOutcome.Unreachable(e.getMessage(), e.mayHaveStarted());
    }

    /** Applies changed_when and failed_when to what the module reported. */
    private TaskOutcome judge(ModuleResult r, Scope scope) throws TemplateException {
        Map<String, Object> data = new LinkedHashMap<>(r.data());
        boolean changed = r.changed();
        boolean failed = r.failed();
        data.put("changed", changed);
        data.put("failed", failed);
        if (!r.msg().isEmpty()) {
            data.put("msg", r.msg());
        }
        Scope withResult = scope.withResult(task.register(), data);
        if (task.changedWhen() != null) {
            changed = run.templater().test(task.changedWhen(), withResult.vars());
            data.put("changed", changed);
        }
        if (task.failedWhen() != null) {
            failed = run.templater().test(task.failedWhen(), withResult.vars());
            data.put("failed", failed);
        }
        host.setFactsFrom(r.data());
        if (failed) {
            String msg = r.msg().isEmpty() ? (task.failedWhen() != null ? "failed_when: " + task.failedWhen().text() + " was true" : "failed") : r.msg();
            return new TaskOutcome.Failed(msg, data, false);
        }
        return new TaskOutcome.Ok(changed, r.msg(), data, r.diff());
    }
}
