package dev.runbook.template.jinja;

/** A filter or test was given something it cannot work with; the message is for the user. */
public final class FilterFailure extends RuntimeException {
    private final String undefinedVariable;

    public FilterFailure(String message) {
        this(message, null);
    }

    public FilterFailure(String message, String undefinedVariable) {
        super(message, null, false, false);
        this.undefinedVariable = undefinedVariable;
    }

    /** The variable the failure is about when it is an undefined one ({@code mandatory}), else null. */
    public String undefinedVariable() {
        return undefinedVariable;
    }
}
