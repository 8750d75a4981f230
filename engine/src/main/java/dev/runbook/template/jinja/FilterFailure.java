package dev.runbook.template.jinja;

/** A filter or test was given something it cannot work with; the message is for the user. */
public final class FilterFailure extends RuntimeException {
    private final String undefinedVariable;
    private final String knownOnlyWhenApplying;

    public FilterFailure(String message) {
        this(message, null);
    }

    public FilterFailure(String message, String undefinedVariable) {
        this(message, undefinedVariable, null);
    }

    private FilterFailure(String message, String undefinedVariable, String knownOnlyWhenApplying) {
        super(message, null, false, false);
        this.undefinedVariable = undefinedVariable;
        this.knownOnlyWhenApplying = knownOnlyWhenApplying;
    }

    /** What a plan cannot evaluate (a command run on the controller, {@code what}): unknown, not failed. */
    public static FilterFailure knownOnlyWhenApplying(String message, String what) {
        return new FilterFailure(message, null, what);
    }

    /** What makes the value known only when applying ({@code lookup('pipe', 'date')}), else null. */
    public String knownOnlyWhenApplying() {
        return knownOnlyWhenApplying;
    }

    /** The variable the failure is about when it is an undefined one ({@code mandatory}), else null. */
    public String undefinedVariable() {
        return undefinedVariable;
    }
}
