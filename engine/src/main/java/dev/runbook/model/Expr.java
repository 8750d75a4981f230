package dev.runbook.model;

import dev.runbook.diag.SourceSpan;
import java.util.Objects;

/**
 * A Jinja2 expression as written by the user ({@code when: x is defined}, without braces) with
 * where it was written, so an evaluation error can name file:line:col.
 */
public record Expr(String text, SourceSpan span) {
    public Expr {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(span, "span");
    }
}
