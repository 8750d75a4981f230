package dev.runbook.diag;

import java.util.Objects;

/**
 * One problem in a user's input: where it is, a one-line summary, optional detail and an
 * optional suggestion ("did you mean 'needs'?"). Diagnostics are data, never exceptions.
 */
public record Diagnostic(Severity severity, SourceSpan span, String summary, String detail, String suggestion) {
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(summary, "summary");
        detail = detail == null ? "" : detail;
        suggestion = suggestion == null ? "" : suggestion;
    }

    public static Diagnostic error(SourceSpan span, String summary) {
        return new Diagnostic(Severity.ERROR, span, summary, "", "");
    }

    public static Diagnostic error(SourceSpan span, String summary, String detail) {
        return new Diagnostic(Severity.ERROR, span, summary, detail, "");
    }

    public Diagnostic withSuggestion(String text) {
        return new Diagnostic(severity, span, summary, detail, text);
    }

    public Diagnostic withDetail(String text) {
        return new Diagnostic(severity, span, summary, text, suggestion);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: summary — suggestion}, the form used in one-line output. */
    public String oneLine() {
        StringBuilder sb = new StringBuilder();
        if (span.isKnown() || !span.file().isEmpty()) {
            sb.append(span).append(": ");
        }
        sb.append(severity == Severity.ERROR ? "error" : "warning").append(": ").append(summary);
        if (!suggestion.isEmpty()) {
            sb.append(" — ").append(suggestion);
        }
        return sb.toString();
    }
}
