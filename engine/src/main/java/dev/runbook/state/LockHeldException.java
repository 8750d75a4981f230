package dev.runbook.state;

/** Another live process holds the lock. {@code holder} is null when it has not said who it is yet. */
public final class LockHeldException extends RuntimeException {
    private final transient LockHolder holder;

    public LockHeldException(String message, LockHolder holder) {
        super(message);
        this.holder = holder;
    }

    public LockHolder holder() {
        return holder;
    }
}
