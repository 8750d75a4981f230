package dev.runbook.state;

import java.util.Map;

/**
 * Appends one run's records. {@link #append} returns a position; {@link #sync} returns once
 * everything up to that position is durable. Syncs from many threads are grouped: one flush to
 * stable storage serves every caller waiting for a position it covers.
 */
public interface JournalWriter extends AutoCloseable {

    /** Appends a record (one line); returns the position just after it. */
    long append(Map<String, Object> record);

    /** Returns once every record up to {@code position} is on stable storage. */
    void sync(long position);

    /** Appends a line a task printed (kept beside the journal, not synced: it is for people). */
    void output(String host, Map<String, Object> line);

    @Override
    void close();
}
