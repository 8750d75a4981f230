package dev.runbook.state;

import java.time.Duration;
import java.time.Instant;

/**
 * One line of {@code runbook runs}. {@code status}: ok, failed, unreachable, interrupted,
 * stopped (the process died: no end was recorded) or running. Host counts say how many hosts
 * ended that way (a host with a failed task counts as failed, not changed).
 */
public record RunSummary(String id, String runbook, String name, Instant started, Duration duration, String status,
                         int exit, int ok, int changed, int failed, int unreachable) {

    /** Not finished ok: {@code apply --resume} can continue it. */
    public boolean resumable() {
        return !"ok".equals(status) && !"running".equals(status);
    }
}
