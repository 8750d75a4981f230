package dev.runbook.connection;

/**
 * The host could not be reached or the connection broke. Distinct from a command that ran and
 * failed: this makes the host UNREACHABLE. {@code mayHaveStarted} tells whether the command may
 * have begun on the host before the connection dropped (so it must not be re-run blindly).
 */
public class ConnectionException extends Exception {
    public enum Cause { REFUSED, TIMED_OUT, AUTH_FAILED, HOST_KEY_UNKNOWN, HOST_KEY_CHANGED, DROPPED, OTHER }

    private final Cause cause;
    private final boolean mayHaveStarted;

    public ConnectionException(Cause cause, String message, boolean mayHaveStarted, Throwable underlying) {
        super(message, underlying);
        this.cause = cause;
        this.mayHaveStarted = mayHaveStarted;
    }

    public ConnectionException(Cause cause, String message) {
        this(cause, message, false, null);
    }

    public Cause kind() {
        return cause;
    }

    public boolean mayHaveStarted() {
        return mayHaveStarted;
    }
}
