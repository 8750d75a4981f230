package dev.runbook.event;

/** How a step ended on one host. */
public enum StepStatus {
    OK,
    CHANGED,
    FAILED,
    /** Not run: its when was false, or its needs did not allow it (see the reason). */
    SKIPPED,
    UNREACHABLE,
    /** Stopped by an interrupt before or while running. */
    INTERRUPTED,
    /** Plan mode: the step's tasks were checked. */
    PLANNED;

    public boolean isFailure() {
        return this == FAILED || this == UNREACHABLE || this == INTERRUPTED;
    }
}
