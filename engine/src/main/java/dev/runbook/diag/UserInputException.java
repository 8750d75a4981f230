package dev.runbook.diag;

/**
 * Carries diagnostics about a user's input across layers to the one place that prints them
 * (exit code 4). Never printed as a stack trace.
 */
public final class UserInputException extends RuntimeException {
    private final transient Diagnostics diagnostics;

    public UserInputException(Diagnostics diagnostics) {
        super(diagnostics.all().isEmpty() ? "invalid input" : diagnostics.all().get(0).oneLine(), null, false, false);
        this.diagnostics = diagnostics;
    }

    public static UserInputException of(SourceSpan span, String summary, String suggestion) {
        return new UserInputException(new Diagnostics().error(span, summary, suggestion));
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }
}
