package dev.runbook.exec;

import dev.runbook.event.StepStatus;

/**
 * How a step ended on a host. {@code tainted} when it failed, or was skipped because something it
 * needs failed: what {@code on-failure} steps react to. {@code rootCause} names the failed step.
 */
record StepResult(StepStatus status, boolean tainted, String rootCause, String reason) {
    static StepResult of(StepStatus status, String reason) {
        return new StepResult(status, false, null, reason);
    }
}
