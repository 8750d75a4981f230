package dev.runbook.exec;

import dev.runbook.event.RunEvent;
import dev.runbook.event.RunListener;
import dev.runbook.model.Runbook;
import dev.runbook.modules.ModuleRegistry;
import dev.runbook.plan.StepGraph;
import dev.runbook.template.Templater;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a runbook over its hosts: in batches ({@code serial}), the hosts of a batch walking the
 * DAG side by side, at most forks hosts and forks tasks in flight at once; stops starting batches past
 * {@code max_fail_percentage} or on an interrupt.
 */
public final class Scheduler {
    private final RunTools tools;

    public Scheduler(ModuleRegistry modules, Templater templater, BecomeWrapperFactory become) {
        this.tools = new RunTools(modules, templater, become::wrap);
    }

    /** Builds the connection that escalates privileges (sudo) over another connection. */
    public interface BecomeWrapperFactory {
        dev.runbook.connection.Connection wrap(dev.runbook.connection.Connection inner, String user, String password);
    }

    public RunResult run(StepGraph graph, RunRequest request, RunListener listener, RunControl control) throws InterruptedException {
        Instant start = Instant.now();
        String runId = request.resume().runId() != null ? request.resume().runId() : RunIds.next(start);
        List<String> names = request.hosts().stream().map(TargetHost::name).toList();
        Map<String, Integer> tasksPerStep = new LinkedHashMap<>();
        request.runbook().steps().forEach((id, step) -> tasksPerStep.put(id, step.flow().tasksOutsideRescue()));
        Recap recap = new Recap(names, tasksPerStep);
        RunListener all = RunListener.all(List.of(recap, listener));
        RunContext ctx = new RunContext(graph, request, tools, all, control,
                new RunStamp(runId, request.resume().started() != null ? request.resume().started() : start, null));
        Set<String> selected = selected(graph, request);
        List<String> steps = graph.order().stream().filter(selected::contains).toList();
        ctx.emit(new RunEvent.RunStarted(start, runId, request.runbook().name(), request.mode(), names, steps));
        request.connector().warnings().forEach(w -> ctx.emit(new RunEvent.Warning(Instant.now(), null, w)));
        ExecutorService pool = Executors.newCachedThreadPool(daemonThreads());
        control.whenAborted(pool::shutdownNow);
        try {
            runBatches(graph, ctx, recap, selected, pool);
        } finally {
            pool.shutdownNow();
            request.connector().close();
        }
        RunResult.Status status = control.stopRequested() ? RunResult.Status.INTERRUPTED
                : recap.anyFailed() ? RunResult.Status.FAILED
                : recap.anyUnreachable() ? RunResult.Status.UNREACHABLE : RunResult.Status.OK;
        Duration took = Duration.between(start, Instant.now());
        ctx.emit(new RunEvent.RunFinished(Instant.now(), runId, status.exitCode(), recap.snapshot(), took,
                status == RunResult.Status.INTERRUPTED));
        return new RunResult(runId, status, recap.snapshot(), took);
    }

    private void runBatches(StepGraph graph, RunContext ctx, Recap recap, Set<String> selected, ExecutorService pool)
            throws InterruptedException {
        Runbook rb = ctx.runbook();
        List<TargetHost> hosts = ctx.request().hosts();
        if (hosts.isEmpty()) {
            return;
        }
        int size = rb.serial().batchSize(hosts.size());
        int batches = (hosts.size() + size - 1) / size;
        for (int b = 0; b < batches; b++) {
            if (ctx.control().stopRequested()) {
                return;
            }
            List<TargetHost> batch = hosts.subList(b * size, Math.min(hosts.size(), (b + 1) * size));
            ctx.emit(new RunEvent.BatchStarted(Instant.now(), b + 1, batches, batch.stream().map(TargetHost::name).toList()));
            runBatch(graph, ctx, batch, selected, pool);
            long failed = batch.stream().filter(h -> recap.failed(h.name())).count();
            if (b + 1 < batches && tooManyFailed(rb, failed, batch.size())) {
                ctx.emit(new RunEvent.Warning(Instant.now(), null, "stopping: " + failed + " of " + batch.size()
                        + " hosts failed in batch " + (b + 1) + (rb.maxFailPercentage() == null ? ""
                        : " (max_fail_percentage: " + rb.maxFailPercentage() + ")") + "; later batches were not started"));
                return;
            }
        }
    }

    /** Like Ansible: past the percentage when one is set, otherwise only when the whole batch failed. */
    static boolean tooManyFailed(Runbook rb, long failed, int batchSize) {
        if (failed == 0) {
            return false;
        }
        if (rb.maxFailPercentage() == null) {
            return failed == batchSize;
        }
        return failed * 100.0 / batchSize > rb.maxFailPercentage();
    }

    /**
     * Walks every host of the batch, at most {@code forks} hosts at once: a host that has not
     * started holds no thread, no connection and no state, so a large inventory costs only what
     * is in flight. A host's connection is closed as soon as its walk ends.
     */
    private void runBatch(StepGraph graph, RunContext ctx, List<TargetHost> batch, Set<String> selected,
                          ExecutorService pool) throws InterruptedException {
        RunOnce runOnce = new RunOnce();
        ctx.playHosts().startBatch(batch.stream().map(TargetHost::name).toList());
        List<Future<?>> walks = new ArrayList<>();
        List<HostState> states = java.util.Collections.synchronizedList(new ArrayList<>());
        Semaphore hostsInFlight = new Semaphore(ctx.request().forks());
        try {
            for (TargetHost h : batch) {
                hostsInFlight.acquire();
                if (ctx.control().aborted()) {
                    break;
                }
                HostState state = new HostState(h, ctx.request().connector(), ctx.mode() == RunEvent.Mode.PLAN);
                states.add(state);
                ctx.playHosts().started(state);
                try {
                    walks.add(pool.submit(() -> walk(graph, ctx, selected, pool, runOnce, state, hostsInFlight)));
                } catch (RejectedExecutionException e) {
                    break; // aborted: the pool was shut down
                }
            }
            for (Future<?> f : walks) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!ctx.control().aborted()) {
                        throw new IllegalStateException("host walk failed", e.getCause());
                    }
                } catch (java.util.concurrent.CancellationException e) {
                    // aborted: the host's walk was cancelled with the pool
                }
            }
        } finally {
            synchronized (states) {
                states.forEach(HostState::close);
            }
        }
    }

    private Void walk(StepGraph graph, RunContext ctx, Set<String> selected, ExecutorService pool, RunOnce runOnce,
                      HostState state, Semaphore hostsInFlight) throws InterruptedException {
        try {
            new HostWalk(ctx, graph, state, selected, pool, runOnce).walk();
        } finally {
            state.close(); // done with this host: its connection is not kept until the batch ends
            hostsInFlight.release();
        }
        String cause = state.unreachable();
        if (cause != null) {
            ctx.emit(new RunEvent.HostUnreachable(Instant.now(), state.name(), cause));
        }
        return null;
    }

    /**
     * Steps to run: all; {@code --only S}: just S; {@code --from S}: S and everything after it.
     * Discovery steps are always selected: the facts they find are what the others read.
     */
    static Set<String> selected(StepGraph graph, RunRequest request) {
        if (request.only() == null && request.from() == null) {
            return new LinkedHashSet<>(graph.order());
        }
        Set<String> out = new LinkedHashSet<>();
        graph.order().stream().filter(id -> graph.runbook().steps().get(id).discovery()).forEach(out::add);
        if (request.only() != null) {
            out.add(request.only());
        } else {
            out.add(request.from());
            out.addAll(graph.descendants(request.from()));
        }
        return out;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "runbook-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
