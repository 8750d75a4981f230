package dev.runbook.connection;

/**
 * A module tried to change a host while planning. This is a bug in the module, caught by the
 * guard connection, never a changed server.
 */
public final class ReadOnlyViolation extends RuntimeException {
    public ReadOnlyViolation(String message) {
        super(message);
    }
}
