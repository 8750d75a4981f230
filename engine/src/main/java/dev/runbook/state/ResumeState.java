package dev.runbook.state;

import dev.runbook.event.TaskOutcome;
import dev.runbook.exec.ResumePoint;
import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import dev.runbook.model.Task;
import dev.runbook.model.RunPolicy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The executor's view of an interrupted run: what it finished, from the journal. A task counts
 * as done when its last record says it finished ok, changed, skipped or failed with
 * ignore_errors; a failed or unreachable one runs again (the operator fixed the cause), and so
 * does the one that was in flight. A task whose definition changed since (allowed by --force)
 * counts as not done, and so does everything the journal recorded after it on that host. A
 * no_log task that registers a value runs again: its value was never written down. A
 * {@code run: always} or {@code on-failure} step that ran because a step it needs failed is
 * decided afresh: that step runs again now, so the cleanup runs after it, as it would have.
 * Inside a step the same holds: a task whose failure a block's rescue took over is done (the run
 * went on past it: its rescue is restored, not run again), while what ran after a failure that
 * was not rescued (the block's always, handlers under force_handlers) runs again after the
 * failed task does.
 */
public final class ResumeState implements ResumePoint {
    private final RunView view;
    private final Map<String, List<String>> definitions;
    private final Runbook runbook;
    /** Host to the journal position from which its records no longer count (changed definitions). */
    private final Map<String, Integer> cutoff = new HashMap<>();

    /** "host/step" to the journal position of its first failure no rescue took over: later records of it run again. */
    private final Map<String, Integer> failedAt = new HashMap<>();

    /** Host to the always/on-failure steps whose records do not count (they ran after a failure). */
    private final Map<String, Set<String>> redecided = new HashMap<>();

    public ResumeState(RunView view, Runbook runbook) {
        this.view = view;
        this.runbook = runbook;
        this.definitions = Fingerprint.tasks(runbook);
        view.stepResults().forEach((host, steps) -> {
            for (Step s : runbook.steps().values()) {
                if (s.run() != RunPolicy.ON_SUCCESS && ancestors(s).stream().anyMatch(a -> failed(steps.get(a)))) {
                    redecided.computeIfAbsent(host, h -> new HashSet<>()).add(s.id());
                }
            }
        });
        for (Map.Entry<RunView.Key, RunView.Entry> e : view.tasks().entrySet()) {
            RunView.Key k = e.getKey();
            Map<String, Object> r = e.getValue().finished() != null ? e.getValue().finished() : e.getValue().started();
            if (!Objects.equals(r.get("def"), definition(k.step(), k.index()))) {
                cutoff.merge(k.host(), e.getValue().position(), Math::min);
            }
            if (e.getValue().finished() != null && !e.getValue().inFlight() && !rescued(k)
                    && List.of("failed", "unreachable").contains(String.valueOf(e.getValue().finished().get("status")))) {
                failedAt.merge(k.host() + "/" + k.step(), e.getValue().position(), Math::min);
            }
        }
    }

    @Override
    public String runId() {
        return view.id();
    }

    @Override
    public java.time.Instant started() {
        return view.started();
    }

    @Override
    public TaskOutcome finished(String host, String step, int index, int itemIndex) {
        RunView.Entry e = view.tasks().get(new RunView.Key(host, step, index, itemIndex));
        if (e == null || e.finished() == null || e.inFlight() || !counts(host, e)
                || redecided.getOrDefault(host, Set.of()).contains(step)) {
            return null;
        }
        Integer failed = failedAt.get(host + "/" + step);
        if (failed != null && e.position() > failed) {
            return null; // ran after a failure that runs again now: runs after it again
        }
        TaskOutcome o = Records.outcome(e.finished());
        if (o instanceof TaskOutcome.Unreachable || o instanceof TaskOutcome.Failed f && !f.ignored() && !e.rescued()) {
            return null;
        }
        Task task = task(step, index);
        if (task != null && task.noLog() && task.register() != null) {
            return null;
        }
        return o;
    }

    /** The task (of this loop item) failed and a rescue took it over. */
    private boolean rescued(RunView.Key k) {
        RunView.Entry whole = view.tasks().get(new RunView.Key(k.host(), k.step(), k.index(), -1));
        return whole != null && whole.rescued();
    }

    @Override
    public int attemptsUsed(String host, String step, int index, int itemIndex) {
        RunView.Entry e = view.tasks().get(new RunView.Key(host, step, index, itemIndex));
        return e != null && e.inFlight() && counts(host, e) ? e.attempts : 0;
    }

    private static boolean failed(Map<String, Object> stepFinished) {
        return stepFinished != null && List.of("failed", "unreachable", "interrupted").contains(stepFinished.get("status"));
    }

    private Set<String> ancestors(Step s) {
        Set<String> out = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(s.needs());
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (out.add(n) && runbook.steps().containsKey(n)) {
                todo.addAll(runbook.steps().get(n).needs());
            }
        }
        return out;
    }

    private boolean counts(String host, RunView.Entry e) {
        Integer from = cutoff.get(host);
        return from == null || e.position() < from;
    }

    /** Hosts whose journal has a task that changed since, with the first such task. */
    public Map<String, Integer> changedHosts() {
        return Map.copyOf(cutoff);
    }

    private String definition(String step, int index) {
        List<String> defs = definitions.get(step);
        return defs == null || index >= defs.size() ? null : defs.get(index);
    }

    private Task task(String step, int index) {
        Step s = runbook.steps().get(step);
        return s == null ? null : s.taskAt(index);
    }
}
