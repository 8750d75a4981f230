package dev.runbook.connection.ssh;

import java.time.Duration;
import java.util.Map;

/**
 * How a run opens SSH connections when it opens many at once.
 *
 * @param handshakes at most this many SSH handshakes (TCP connect, key exchange, login) are in
 *                   progress at once across the run; the others wait for a slot, and that wait
 *                   does not count against a host's connect timeout
 * @param attempts   a connect that timed out, or was closed by the server during the handshake,
 *                   is tried this many times in all before the host is called unreachable;
 *                   refused connections, unknown names and failed logins are never retried
 * @param backoff    pause before the second attempt; doubled before each further one, plus up to
 *                   half of it again at random so that retries do not arrive together
 */
public record ConnectPolicy(int handshakes, int attempts, Duration backoff) {
    /** Environment variable overriding {@link #handshakes}. */
    public static final String HANDSHAKES_ENV = "RUNBOOK_SSH_HANDSHAKES";
    /** Environment variable overriding {@link #attempts}. */
    public static final String ATTEMPTS_ENV = "RUNBOOK_SSH_CONNECT_ATTEMPTS";
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

    public ConnectPolicy {
        if (handshakes < 1) {
            throw new IllegalArgumentException("handshakes must be at least 1, not " + handshakes);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
        }
        backoff = backoff == null ? DEFAULT_BACKOFF : backoff;
    }

    /** 8 handshakes per CPU (at least 8), 3 attempts, 1 s first back-off. */
    public static ConnectPolicy defaults() {
        return new ConnectPolicy(Math.max(8, 8 * Runtime.getRuntime().availableProcessors()), DEFAULT_ATTEMPTS,
                DEFAULT_BACKOFF);
    }

    /**
     * The defaults, overridden by {@value #HANDSHAKES_ENV} and {@value #ATTEMPTS_ENV} in {@code env}.
     *
     * @throws IllegalArgumentException naming the variable when a value is not a positive whole number
     */
    public static ConnectPolicy from(Map<String, String> env) {
        ConnectPolicy d = defaults();
        return new ConnectPolicy(positive(env, HANDSHAKES_ENV, d.handshakes()),
                positive(env, ATTEMPTS_ENV, d.attempts()), d.backoff());
    }

    /**
     * The longest a host that never answers keeps its walk waiting once it has a handshake slot:
     * every attempt's connect timeout plus the longest back-offs between them.
     */
    public Duration worstCase(Duration connectTimeout) {
        Duration total = connectTimeout.multipliedBy(attempts);
        Duration pause = backoff;
        for (int i = 1; i < attempts; i++) {
            total = total.plus(pause).plus(pause.dividedBy(2));
            pause = pause.multipliedBy(2);
        }
        return total;
    }

    private static int positive(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " is '" + v + "': it must be a whole number of at least 1");
    }
}
