package dev.runbook.state;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where runs are kept: one append-only journal of records per run, the per-task output, and a
 * lock per runbook. Local files are the embedded default ({@link dev.runbook.state.local.LocalRunStore});
 * a shared backend for teams implements the same few operations. Nothing above this interface
 * knows how records are stored.
 */
public interface RunStore {

    /** Opens the run's journal for appending, creating it when new. */
    JournalWriter append(String runId);

    /**
     * Every record of a run, oldest first. A torn last record (the process died while writing
     * it) is left out and reported to {@code warnings}.
     */
    List<Map<String, Object>> read(String runId, Consumer<String> warnings);

    /**
     * Like {@link #read}, but without what tasks registered and their diffs ({@code result},
     * {@code diff}): all that showing a run needs, read faster.
     */
    default List<Map<String, Object>> readSummary(String runId, Consumer<String> warnings) {
        return read(runId, warnings);
    }

    /**
     * The first and the last complete record of a run without reading the rest (for listing
     * many runs quickly); empty when the run has no record.
     */
    List<Map<String, Object>> ends(String runId);

    /** The output lines a run's tasks printed on one host: records with step, index, stream and line. */
    List<Map<String, Object>> output(String runId, String host);

    /** Takes the lock called {@code key} for {@code me}, or throws {@link LockHeldException} naming the holder. */
    RunLock lock(String key, LockHolder me);

    /** Run ids, oldest first. */
    List<String> list();

    /** Removes a run: its journal and output. */
    void delete(String runId);

    /** Where this store lives, for messages. */
    String describe();
}
