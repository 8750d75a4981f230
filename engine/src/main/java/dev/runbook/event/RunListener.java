package dev.runbook.event;

/**
 * Receives the engine's events. Called from many threads (one per host walk): implementations
 * must be thread-safe and quick.
 */
@FunctionalInterface
public interface RunListener {
    RunListener NONE = e -> { };

    void on(RunEvent event);

    static RunListener all(java.util.List<RunListener> listeners) {
        java.util.List<RunListener> copy = java.util.List.copyOf(listeners);
        return e -> {
            for (RunListener l : copy) {
                l.on(e);
            }
        };
    }
}
