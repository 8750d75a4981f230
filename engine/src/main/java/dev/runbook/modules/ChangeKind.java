package dev.runbook.modules;

/** What a module would do (plan) or did (apply) to the thing it manages. */
public enum ChangeKind {
    NONE("="),
    CREATE("+"),
    CHANGE("~"),
    REMOVE("-"),
    /** Cannot be known without running it: a command with no creates/removes/check. */
    UNKNOWN("?");

    private final String symbol;

    ChangeKind(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isChange() {
        return this == CREATE || this == CHANGE || this == REMOVE;
    }
}
