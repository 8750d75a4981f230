package dev.runbook.modules.files;

import dev.runbook.modules.Change;
import dev.runbook.modules.ModuleException;

/**
 * Something the task needs is not on the host: a file, a directory, a user. Apply fails with the
 * message. A plan cannot fail on it, since an earlier task of the same run may create the
 * missing thing; the plan says "?" and what it waits for instead.
 */
public final class MissingOnHost extends ModuleException {
    private final String missing;

    /**
     * @param message for apply: what is wrong and what would be right
     * @param missing for the plan: the path or "user 'x'" that is not there yet
     */
    public MissingOnHost(String message, String missing) {
        super(message);
        this.missing = missing;
    }

    /** What the plan shows instead of failing. */
    public Change asChange() {
        return Change.unknown("cannot tell until " + missing + " exists on the host (an earlier task may create it)");
    }
}
