package dev.runbook.modules;

/** The type of a module argument, used for validation, coercion and generated docs. */
public enum ArgType {
    STRING("string"),
    INT("int"),
    BOOL("bool"),
    LIST("list"),
    MAP("map"),
    /** A file mode: "0644" / 0644 / "u=rw,g=r,o=r" style; always read as octal. */
    MODE("mode"),
    /** Seconds as a number, or "30s", "5m", "1h". */
    DURATION("duration"),
    /** Anything (used by debug's var, set_fact's values). */
    ANY("any");

    private final String doc;

    ArgType(String doc) {
        this.doc = doc;
    }

    public String doc() {
        return doc;
    }
}
