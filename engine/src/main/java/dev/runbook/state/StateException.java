package dev.runbook.state;

/** The state directory (or another backend) could not be read or written; the message says which file and why. */
public final class StateException extends RuntimeException {
    public StateException(String message, Throwable cause) {
        super(message, cause);
    }

    public StateException(String message) {
        super(message);
    }
}
