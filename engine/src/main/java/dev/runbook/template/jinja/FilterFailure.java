package dev.runbook.template.jinja;

/** A filter or test was given something it cannot work with; the message is for the user. */
public final class FilterFailure extends RuntimeException {
    public FilterFailure(String message) {
        super(message, null, false, false);
    }
}
