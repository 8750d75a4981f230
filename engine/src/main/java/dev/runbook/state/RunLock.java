package dev.runbook.state;

/** A held run lock; closing releases it. */
public interface RunLock extends AutoCloseable {

    /** The holder whose lock was taken over because its process had died, or null. */
    LockHolder takenOver();

    @Override
    void close();
}
