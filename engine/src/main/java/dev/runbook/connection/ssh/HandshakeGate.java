package dev.runbook.connection.ssh;

import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ConnectionException.Cause;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps a run from opening all its connections at once. Handshakes are CPU-bound on both ends
 * (key exchange, host key and login signatures): started by the hundred on a small controller
 * they all slow down together until healthy hosts miss their connect timeout. So at most
 * {@link ConnectPolicy#handshakes()} are in progress; a host's connect timeout starts only when
 * its handshake does. A connect that timed out or was closed mid-handshake (a loaded server's
 * MaxStartups) is retried with back-off, outside the slot, before the host is called
 * unreachable; a refused connection is reported at once.
 */
final class HandshakeGate {
    interface Attempt<T> {
        T run() throws ConnectionException;
    }

    private final ConnectPolicy policy;
    private final Semaphore slots;

    HandshakeGate(ConnectPolicy policy) {
        this.policy = policy;
        this.slots = new Semaphore(policy.handshakes(), true);
    }

    ConnectPolicy policy() {
        return policy;
    }

    /** Runs {@code attempt} in a handshake slot, again after a back-off while it times out. */
    <T> T open(String host, Attempt<T> attempt) throws ConnectionException {
        long pause = policy.backoff().toMillis();
        for (int n = 1; ; n++) {
            ConnectionException failure;
            acquire(host);
            try {
                return attempt.run();
            } catch (ConnectionException e) {
                failure = e;
            } finally {
                slots.release();
            }
            if (!retryable(failure)) {
                throw failure;
            }
            if (n >= policy.attempts()) {
                throw n == 1 ? failure : new ConnectionException(failure.kind(), failure.getMessage() + " (tried "
                        + n + " times)", false, failure.getCause());
            }
            sleep(host, pause + ThreadLocalRandom.current().nextLong(pause / 2 + 1));
            pause *= 2;
        }
    }

    private static boolean retryable(ConnectionException e) {
        return e.kind() == Cause.TIMED_OUT || e.kind() == Cause.DROPPED;
    }

    private void acquire(String host) throws ConnectionException {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException(Cause.OTHER, "interrupted while waiting to connect to " + host);
        }
    }

    private static void sleep(String host, long millis) throws ConnectionException {
        try {
            Thread.sleep(millis); // back-off before trying the host again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException(Cause.OTHER, "interrupted while waiting to connect to " + host);
        }
    }
}
