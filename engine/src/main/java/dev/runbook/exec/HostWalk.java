package dev.runbook.exec;

import dev.runbook.event.RunEvent;
import dev.runbook.event.StepStatus;
import dev.runbook.model.RunPolicy;
import dev.runbook.model.Step;
import dev.runbook.plan.StepGraph;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One host's walk through the step DAG: a step starts as soon as every step it needs has ended
 * on this host, independent steps run at the same time, and each step's run policy decides
 * whether it runs given how its needs ended.
 */
final class HostWalk {
    /** Why a step of an unreachable host did not run (its tasks are not counted as skipped). */
    static final String UNREACHABLE = "host unreachable";
    private final RunContext run;
    private final StepGraph graph;
    private final HostState host;
    private final Set<String> selected;
    private final ExecutorService pool;
    private final RunOnce runOnce;
    private final Map<String, StepResult> results = new LinkedHashMap<>();

    HostWalk(RunContext run, StepGraph graph, HostState host, Set<String> selected, ExecutorService pool, RunOnce runOnce) {
        this.run = run;
        this.graph = graph;
        this.host = host;
        this.selected = selected;
        this.pool = pool;
        this.runOnce = runOnce;
    }

    /** Walks every step; returns how each ended (in step order). */
    Map<String, StepResult> walk() throws InterruptedException {
        CompletionService<Map.Entry<String, StepResult>> done = new ExecutorCompletionService<>(pool);
        List<String> pending = new ArrayList<>(graph.order());
        List<Future<?>> running = new ArrayList<>();
        int inFlight = 0;
        try {
            while (!pending.isEmpty() || inFlight > 0) {
                for (String id : List.copyOf(pending)) {
                    if (graph.needs(id).stream().allMatch(results::containsKey)) {
                        pending.remove(id);
                        Step step = run.runbook().steps().get(id);
                        StepResult decided = decide(step);
                        if (decided != null) {
                            finish(step, decided, null);
                        } else {
                            running.add(done.submit(() -> Map.entry(id, new StepRunner(run, host, step, runOnce).run())));
                            inFlight++;
                        }
                    }
                }
                if (inFlight > 0) {
                    Map.Entry<String, StepResult> r = done.take().get();
                    inFlight--;
                    results.put(r.getKey(), r.getValue());
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("step runner failed on " + host.name(), e.getCause());
        } finally {
            running.forEach(f -> f.cancel(true));
        }
        return results;
    }

    /** The result of a step that will not run, or null when it should run. */
    private StepResult decide(Step step) {
        if (!selected.contains(step.id())) {
            return StepResult.of(StepStatus.OK, "not selected"); // treated as done, silently
        }
        List<String> needs = graph.needs(step.id());
        String rootCause = null;
        String failedNeed = null;
        boolean interrupted = false;
        boolean unreachable = host.unreachable() != null;
        for (String n : needs) {
            StepResult r = results.get(n);
            if (r.tainted() && rootCause == null) {
                rootCause = r.rootCause();
                failedNeed = n;
            }
            interrupted |= r.status() == StepStatus.INTERRUPTED;
        }
        if (unreachable) {
            return new StepResult(StepStatus.SKIPPED, true, rootCause, UNREACHABLE);
        }
        if (run.control().aborted() || (run.control().stopRequested() && step.run() != RunPolicy.ALWAYS)) {
            return new StepResult(StepStatus.INTERRUPTED, false, null, "interrupted before it started");
        }
        if (interrupted && step.run() != RunPolicy.ALWAYS) {
            return new StepResult(StepStatus.INTERRUPTED, false, null, "interrupted before it started");
        }
        if (step.run() == RunPolicy.ON_SUCCESS && rootCause != null) {
            String reason = failedNeed.equals(rootCause)
                    ? "needs '" + rootCause + "', which failed"
                    : "needs '" + failedNeed + "', skipped because '" + rootCause + "' failed";
            return new StepResult(StepStatus.SKIPPED, true, rootCause, reason);
        }
        if (step.run() == RunPolicy.ON_FAILURE && rootCause == null) {
            String flag = namedBy(step.id());
            if (flag != null) {
                // run by hand (a restore): the user named it, so its run policy does not hold it back
                run.emit(new RunEvent.Warning(Instant.now(), host.name(), "step '" + step.id() + "' runs because "
                        + flag + " names it (run: on-failure would skip it: no step it needs failed)"));
                return null;
            }
            return StepResult.of(StepStatus.SKIPPED, "on-failure: no step it needs failed");
        }
        return null;
    }

    /** "--only" or "--from" when that option names {@code step}; else null. */
    private String namedBy(String step) {
        if (step.equals(run.request().only())) {
            return "--only";
        }
        return step.equals(run.request().from()) ? "--from" : null;
    }

    private void finish(Step step, StepResult r, Instant started) {
        results.put(step.id(), r);
        host.noteNotRun(step.id(), "not selected".equals(r.reason()) ? "not selected by "
                + (run.request().only() != null ? "--only" : "--from") : r.reason());
        if (!"not selected".equals(r.reason()) || r.status() != StepStatus.OK) {
            run.emit(new RunEvent.StepFinished(Instant.now(), host.name(), step.id(), r.status(), r.reason(),
                    started == null ? java.time.Duration.ZERO : java.time.Duration.between(started, Instant.now())));
        }
    }
}
