package dev.runbook.template.jinja;

/**
 * The value of a name or key that does not exist. Jinjava itself turns unknown names into null,
 * which cannot be told apart from a variable set to null; this marker keeps the difference, so
 * {@code x is defined} and {@code default()} can see it and any other use can be reported.
 * It is "consumed" by the tests and filters that are allowed to look at undefined values; one
 * left unconsumed at the end of an evaluation is an error.
 */
public final class Undefined {
    private final String name;
    private final String detail;
    private final int line;
    private boolean consumed;

    Undefined(String name, String detail, int line) {
        this.name = name;
        this.detail = detail;
        this.line = line;
    }

    /** The template line it was met on (1-based), 0 when unknown. */
    public int line() {
        return line;
    }

    /**
     * The name as written by the user: {@code webroot}, {@code result.stdout}, {@code hosts[3]};
     * null for a computed value with no name ({@code [] | first}).
     */
    public String name() {
        return name;
    }

    /** Why the name is undefined when it is an attribute ({@code result has no key 'x'}), or null. */
    public String detail() {
        return detail;
    }

    public boolean consumed() {
        return consumed;
    }

    /** Marks the value as looked at legitimately (defined test, default filter). */
    public void consume() {
        consumed = true;
    }

    /** Consumes {@code value} when it is undefined; returns whether it was. */
    public static boolean check(Object value) {
        if (value instanceof Undefined u) {
            u.consume();
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "";
    }
}
