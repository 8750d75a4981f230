package dev.runbook.modules.files;

import dev.runbook.modules.Change;
import dev.runbook.modules.ModuleException;

/**
 * Something the task needs is not on the host: a file, a directory, a user. Apply fails with the
 * message. A plan cannot fail on it, since an earlier task of the same run may create the
 * missing thing; the plan says "?" and why instead.
 */
public final class MissingOnHost extends ModuleException {
    public MissingOnHost(String message) {
        super(message);
    }

    /** What the plan shows instead of failing. */
    public Change asChange() {
        return Change.unknown("cannot tell yet: " + getMessage() + " (an earlier task may create it; apply fails if none does)");
    }
}
