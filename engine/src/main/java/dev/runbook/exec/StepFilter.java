package dev.runbook.exec;

/** Which steps run: {@code only} one step, or everything {@code from} one on; null when not given. */
public record StepFilter(String only, String from) {
    public static final StepFilter ALL = new StepFilter(null, null);
}
