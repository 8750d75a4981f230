package dev.runbook.exec;

import dev.runbook.event.TaskOutcome;

/**
 * What an earlier attempt of this run already did, for {@code apply --resume}: the executor
 * asks before it runs a task (or a loop item) and, when the answer is an outcome, takes it
 * (registered value and set_fact values included) instead of running the task again. The
 * state layer answers from its journal; the executor knows nothing of where that is kept.
 */
public interface ResumePoint {
    /** A new run: nothing was done before. */
    ResumePoint NONE = new ResumePoint() {
        @Override
        public String runId() {
            return null;
        }

        @Override
        public TaskOutcome finished(String host, String step, int index, int itemIndex) {
            return null;
        }
    };

    /** The id of the run being continued, or null for a new run (which gets a new id). */
    String runId();

    /**
     * How the earlier attempt finished this task on this host ({@code itemIndex} = the loop
     * item, or {@link dev.runbook.event.RunEvent#NO_ITEM} for the whole task), or null when it
     * must run now (never started, failed, unreachable, or changed since).
     */
    TaskOutcome finished(String host, String step, int index, int itemIndex);

    /**
     * When the run being continued first started (so {@code ansible_date_time} is the same in
     * every attempt of a run: a backup named after it keeps its name), or null for a new run.
     */
    default java.time.Instant started() {
        return null;
    }

    /** How many retries/until attempts the earlier attempt used up on this task (item): 0 when none. */
    default int attemptsUsed(String host, String step, int index, int itemIndex) {
        return 0;
    }
}
