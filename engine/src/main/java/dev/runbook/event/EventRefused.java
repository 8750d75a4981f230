package dev.runbook.event;

/**
 * Thrown by a listener that must record an event before the engine may go on (the run's
 * journal) and could not. The engine then starts nothing more: a task it cannot record is not
 * run.
 */
public final class EventRefused extends RuntimeException {
    public EventRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
