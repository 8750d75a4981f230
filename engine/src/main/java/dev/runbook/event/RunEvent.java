package dev.runbook.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine tells the world. Reporters (console, JSON, journal) are listeners; only
 * they print or write. Each event carries enough to write a journal line from. Values marked
 * {@code no_log} are already masked when an event is built.
 */
public sealed interface RunEvent {

    Instant at();

    /** Run mode: apply changes hosts, plan only probes. */
    enum Mode { APPLY, PLAN }

    record RunStarted(Instant at, String runId, String runbook, Mode mode, List<String> hosts,
                      List<String> steps) implements RunEvent {
        public RunStarted {
            hosts = List.copyOf(hosts);
            steps = List.copyOf(steps);
        }
    }

    record BatchStarted(Instant at, int batch, int batches, List<String> hosts) implements RunEvent {
        public BatchStarted {
            hosts = List.copyOf(hosts);
        }
    }

    record StepStarted(Instant at, String host, String step) implements RunEvent {
    }

    /** {@code itemIndex} of an event outside a loop (or of a whole loop). */
    int NO_ITEM = -1;

    /**
     * @param index     position of the task in its step (0-based)
     * @param item      the loop item's label, or null outside a loop
     * @param itemIndex the loop item's position (0-based), or {@link #NO_ITEM}
     */
    record TaskStarted(Instant at, String host, String step, int index, String task, String item, int itemIndex)
            implements RunEvent {
        public TaskStarted(Instant at, String host, String step, int index, String task, String item) {
            this(at, host, step, index, task, item, NO_ITEM);
        }
    }

    record TaskOutput(Instant at, String host, String step, int index, boolean stderr, String line) implements RunEvent {
    }

    record TaskFinished(Instant at, String host, String step, int index, String task, String item,
                        TaskOutcome outcome, Duration duration, int itemIndex) implements RunEvent {
        public TaskFinished(Instant at, String host, String step, int index, String task, String item,
                            TaskOutcome outcome, Duration duration) {
            this(at, host, step, index, task, item, outcome, duration, NO_ITEM);
        }
    }

    /**
     * A task (or loop item) that an interrupted run already finished, taken from its journal on
     * {@code --resume} instead of being run again; {@code outcome} is what that run recorded.
     */
    record TaskRestored(Instant at, String host, String step, int index, String task, String item,
                        TaskOutcome outcome, int itemIndex) implements RunEvent {
    }

    /**
     * A task of a {@code block} failed and the block's {@code rescue} takes over: the failure is
     * counted as rescued, not failed, and no longer fails the step once the rescue finishes.
     */
    record TaskRescued(Instant at, String host, String step, int index, String task) implements RunEvent {
    }

    /**
     * A task that reported changed (in a plan: would change, or may) notified {@code handlers}
     * (their names, in definition order); they run at the next flush point of the step.
     */
    record HandlersNotified(Instant at, String host, String step, int index, List<String> handlers, boolean certain)
            implements RunEvent {
        public HandlersNotified {
            handlers = List.copyOf(handlers);
        }
    }

    /**
     * Handler {@code handler} is about to run (task {@code index} of the step) at a flush point,
     * because {@code notifiedBy} (task names) reported changed; in a plan, {@code certain} is false
     * when they only may change (so the handler only may run).
     */
    record HandlerStarting(Instant at, String host, String step, int index, String handler, List<String> notifiedBy,
                           boolean certain) implements RunEvent {
        public HandlerStarting {
            notifiedBy = List.copyOf(notifiedBy);
        }
    }

    /** An attempt of a task with retries/until did not succeed; {@code attempt} (1-based) is the one that just ended. */
    record TaskRetried(Instant at, String host, String step, int index, int itemIndex, int attempt) implements RunEvent {
    }

    /** @param reason why, for SKIPPED ("needs 'backup', which failed") and FAILED steps */
    record StepFinished(Instant at, String host, String step, StepStatus status, String reason,
                        Duration duration) implements RunEvent {
    }

    record HostUnreachable(Instant at, String host, String cause) implements RunEvent {
    }

    /**
     * Counts of tasks per host. {@code skipped} includes every task of a step that did not run
     * (its when was false, a need failed, its run policy); {@code ignored} counts failures that
     * ignore_errors let pass, which also count as ok (as Ansible's recap); {@code rescued} counts
     * failures of block tasks that a rescue took over (not counted as failed, as Ansible's recap).
     */
    record HostRecap(int ok, int changed, int failed, int skipped, int unreachable, int ignored, int rescued) {
        public HostRecap(int ok, int changed, int failed, int skipped, int unreachable, int ignored) {
            this(ok, changed, failed, skipped, unreachable, ignored, 0);
        }

        public HostRecap(int ok, int changed, int failed, int skipped, int unreachable) {
            this(ok, changed, failed, skipped, unreachable, 0, 0);
        }
    }

    record RunFinished(Instant at, String runId, int exitCode, Map<String, HostRecap> recap,
                       Duration duration, boolean interrupted) implements RunEvent {
        public RunFinished {
            recap = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(recap));
        }
    }

    /** A warning for people (e.g. host key checking is off). */
    record Warning(Instant at, String host, String message) implements RunEvent {
    }
}
