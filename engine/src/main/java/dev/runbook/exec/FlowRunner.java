package dev.runbook.exec;

import dev.runbook.event.RunEvent;
import dev.runbook.event.StepStatus;
import dev.runbook.event.TaskOutcome;
import dev.runbook.model.Handler;
import dev.runbook.model.RunPolicy;
import dev.runbook.model.Step;
import dev.runbook.model.Task;
import dev.runbook.model.TaskFlow;
import dev.runbook.model.TaskNode;
import dev.runbook.modules.ChangeKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one attempt of a step's task flow on one host, with Ansible's rules: blocks (a failure in
 * {@code block} hands over to {@code rescue}, which clears it when it finishes; {@code always}
 * runs in every case but an unreachable host or an interruption), {@code notify} on changed,
 * handlers at each {@code meta: flush_handlers} and at the end of the step (definition order,
 * once each per flush), and {@code force_handlers}.
 */
final class FlowRunner {
    /** The scope a task runs in (the step's, with the task's vars and facts). */
    interface Scopes {
        Scope of(Task task) throws InterruptedException;
    }

    /** Why a walk stopped early. */
    private sealed interface Stop {
    }

    /** A task failed (not ignored): a rescue may take over, force_handlers still flushes. */
    private record Failure(int index, Task task, TaskOutcome.Failed outcome, String reason) implements Stop {
    }

    /** Nothing more runs on this host in this step (unreachable, interrupted). */
    private record Halt(StepResult result) implements Stop {
    }

    private final RunContext run;
    private final HostState host;
    private final Step step;
    private final Scopes scopes;
    private final Notifications notified;
    private final StepShared shared = new StepShared();
    private boolean changed;

    FlowRunner(RunContext run, HostState host, Step step, Scopes scopes, Notifications notified) {
        this.run = run;
        this.host = host;
        this.step = step;
        this.scopes = scopes;
        this.notified = notified;
    }

    StepResult run() throws InterruptedException {
        TaskFlow flow = step.flow();
        Stop stop = walk(flow.body());
        int end = flow.flushPoints() - 1;
        if (stop == null) {
            stop = flush(end);
        } else if (stop instanceof Failure && forceHandlers() && !notified.isEmpty()) {
            Stop h = flush(end); // force_handlers: what was notified before the failure still runs
            stop = h instanceof Halt ? h : stop;
        }
        if (stop instanceof Failure f) {
            return new StepResult(StepStatus.FAILED, true, step.id(), f.reason());
        }
        if (stop instanceof Halt h) {
            return h.result();
        }
        if (run.mode() == RunEvent.Mode.PLAN) {
            return StepResult.of(StepStatus.PLANNED, null);
        }
        return StepResult.of(changed ? StepStatus.CHANGED : StepStatus.OK, null);
    }

    private boolean forceHandlers() {
        Boolean own = step.flow().forceHandlers();
        return own != null ? own : run.request().choices().forceHandlers();
    }

    private Stop walk(List<TaskNode> nodes) throws InterruptedException {
        for (TaskNode node : nodes) {
            Stop s;
            if (node instanceof TaskNode.Run r) {
                s = task(r.index(), step.tasks().get(r.index()), r.notifies(), "task");
            } else if (node instanceof TaskNode.Block b) {
                s = block(b);
            } else {
                s = flush(((TaskNode.FlushHandlers) node).point());
            }
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private Stop block(TaskNode.Block b) throws InterruptedException {
        Stop s = walk(b.block());
        if (s instanceof Failure f && !b.rescue().isEmpty()) {
            rescue(f);
            s = walk(b.rescue());
        } else if (s == null && run.mode() == RunEvent.Mode.PLAN) {
            notNeeded(b);
        }
        if (s instanceof Halt) {
            return s;
        }
        Stop after = walk(b.always());
        return after != null ? after : s;
    }

    /** The failure is the rescue's now: counted as rescued, and told to it as ansible_failed_task/_result. */
    private void rescue(Failure f) {
        run.emit(new RunEvent.TaskRescued(Instant.now(), host.name(), step.id(), f.index(), f.task().displayName()));
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("name", f.task().name() == null ? "" : f.task().name());
        task.put("action", f.task().module().module());
        if (!f.task().noLog()) {
            task.put("args", f.task().module().args());
        }
        host.setFact("ansible_failed_task", task);
        host.setFact("ansible_failed_result", Outcomes.registered(f.outcome()));
    }

    /** A plan where the block would not fail: its rescue tasks are shown, as not expected to run. */
    private void notNeeded(TaskNode.Block b) {
        for (int i : TaskFlow.indices(b.rescue())) {
            Task t = step.tasks().get(i);
            run.emit(new RunEvent.TaskFinished(Instant.now(), host.name(), step.id(), i, t.displayName(), null,
                    new TaskOutcome.Skipped("rescue: would run only if a task of " + b.describe() + " fails"),
                    java.time.Duration.ZERO));
        }
    }

    /** Runs the handlers notified so far, in definition order, each once. */
    private Stop flush(int point) throws InterruptedException {
        List<Handler> handlers = step.flow().handlers();
        for (int h = 0; h < handlers.size(); h++) {
            Notifications.Notice notice = notified.take(h);
            if (notice == null) {
                continue;
            }
            Handler handler = handlers.get(h);
            int index = step.handlerRunIndex(point, h);
            run.emit(new RunEvent.HandlerStarting(Instant.now(), host.name(), step.id(), index,
                    handler.task().displayName(), notice.by(), notice.surely()));
            Stop s = task(index, handler.task(), handler.notifies(), "handler");
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** Runs one task (or handler: {@code kind}); notifies when it changed. */
    private Stop task(int index, Task task, List<String> notifies, String kind) throws InterruptedException {
        if (run.control().aborted() || (run.control().stopRequested() && step.run() != RunPolicy.ALWAYS)) {
            return new Halt(StepResult.of(StepStatus.INTERRUPTED, index < step.tasks().size()
                    ? "interrupted before task " + (index + 1) + " of " + step.tasks().size()
                    : "interrupted before handler '" + task.displayName() + "'"));
        }
        TaskOutcome o = new TaskRunner(run, host, step, index, task, shared).run(scopes.of(task));
        if (o instanceof TaskOutcome.Failed f && !f.ignored()) {
            return new Failure(index, task, f, kind + " '" + task.displayName() + "' failed"
                    + (task.noLog() ? " (output hidden by no_log)" : ": " + f.msg()));
        }
        if (o instanceof TaskOutcome.Unreachable u) {
            return new Halt(new StepResult(StepStatus.UNREACHABLE, true, step.id(), u.msg()));
        }
        boolean certain = o instanceof TaskOutcome.Ok ok && ok.changed()
                || o instanceof TaskOutcome.Planned p && p.change().kind().isChange();
        boolean maybe = o instanceof TaskOutcome.Planned p && p.change().kind() == ChangeKind.UNKNOWN;
        changed |= certain || o instanceof TaskOutcome.Planned p && p.change().kind() != ChangeKind.NONE;
        if ((certain || maybe) && !notifies.isEmpty()) {
            notify(index, task, notifies, certain);
        }
        return null;
    }

    private void notify(int index, Task task, List<String> notifies, boolean certain) {
        List<Integer> reached = new ArrayList<>();
        for (String what : notifies) {
            for (int h : step.flow().answering(what)) {
                if (!reached.contains(h)) {
                    reached.add(h);
                }
            }
        }
        reached.sort(null);
        List<String> names = new ArrayList<>();
        for (int h : reached) {
            notified.add(h, task.displayName(), certain);
            names.add(step.flow().handlers().get(h).task().displayName());
        }
        run.emit(new RunEvent.HandlersNotified(Instant.now(), host.name(), step.id(), index, names, certain));
    }
}
