package dev.runbook.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every problem found in one pass. Parsers and validators add to it and go on, so
 * the user sees all errors at once. Not thread-safe: one collector per pass.
 */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    public Diagnostics add(Diagnostic d) {
        items.add(d);
        return this;
    }

    public Diagnostics error(SourceSpan span, String summary) {
        return add(Diagnostic.error(span, summary));
    }

    public Diagnostics error(SourceSpan span, String summary, String suggestion) {
        return add(Diagnostic.error(span, summary).withSuggestion(suggestion));
    }

    public Diagnostics addAll(Diagnostics other) {
        items.addAll(other.items);
        return this;
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public int size() {
        return items.size();
    }

    /** In file, line, column order; ties keep insertion order. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing((Diagnostic d) -> d.span().file())
                .thenComparingInt(d -> d.span().line())
                .thenComparingInt(d -> d.span().column()));
        return Collections.unmodifiableList(copy);
    }

    public List<Diagnostic> all() {
        return Collections.unmodifiableList(items);
    }

    /** Throws {@link UserInputException} carrying these diagnostics when any is an error. */
    public void throwIfErrors() {
        if (hasErrors()) {
            throw new UserInputException(this);
        }
    }
}
