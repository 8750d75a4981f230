package dev.runbook.diag;

import java.util.Objects;

/**
 * A place in a user's file: 1-based line and column. {@link #NONE} marks values that came
 * from the command line or were computed, where no file position exists.
 */
public record SourceSpan(String file, int line, int column) {
    public static final SourceSpan NONE = new SourceSpan("", 0, 0);

    public SourceSpan {
        Objects.requireNonNull(file, "file");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0: " + line + ":" + column);
        }
    }

    public static SourceSpan of(String file, int line, int column) {
        return new SourceSpan(file, line, column);
    }

    public boolean isKnown() {
        return line > 0;
    }

    /** {@code file:line:col}, or just the file when the position is unknown. */
    @Override
    public String toString() {
        if (!isKnown()) {
            return file.isEmpty() ? "<unknown>" : file;
        }
        return file + ":" + line + ":" + column;
    }
}
