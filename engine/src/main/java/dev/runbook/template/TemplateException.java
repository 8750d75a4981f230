package dev.runbook.template;

import dev.runbook.diag.SourceSpan;

/**
 * A template or expression could not be evaluated: an undefined variable, a syntax error, a
 * filter that failed. The message names the variable and where it was used.
 */
public final class TemplateException extends Exception {
    private final SourceSpan span;
    private final String undefinedVariable;
    private final String knownOnlyWhenApplying;

    public TemplateException(SourceSpan span, String message, String undefinedVariable) {
        this(span, message, undefinedVariable, null);
    }

    TemplateException(SourceSpan span, String message, String undefinedVariable, String knownOnlyWhenApplying) {
        super(message);
        this.span = span;
        this.undefinedVariable = undefinedVariable;
        this.knownOnlyWhenApplying = knownOnlyWhenApplying;
    }

    /**
     * In a plan: what made the value one known only when applying (a lookup that runs a command on
     * the controller, which a plan never does), else null.
     */
    public String knownOnlyWhenApplying() {
        return knownOnlyWhenApplying;
    }

    public TemplateException(SourceSpan span, String message) {
        this(span, message, null);
    }

    public SourceSpan span() {
        return span;
    }

    /** The variable that was undefined, or null when the problem was something else. */
    public String undefinedVariable() {
        return undefinedVariable;
    }

    /** {@code file:line:col: message}. */
    public String located() {
        return span.isKnown() ? span + ": " + getMessage() : getMessage();
    }
}
