package dev.runbook.modules.files;

import java.util.List;

/**
 * What a file module decided from its probes: the change to report (check) and the actions
 * that make it (apply). Apply builds a fresh plan from fresh probes, never a saved one.
 *
 * @param done the message after applying ("created /etc/app.conf"); the change summary says "would"
 */
public record Plan(dev.runbook.modules.Change change, String done, List<Action> actions) {
    public Plan {
        actions = List.copyOf(actions);
    }

    public static Plan none(dev.runbook.modules.Change change) {
        return new Plan(change, change.summary(), List.of());
    }

    public boolean changes() {
        return change.kind().isChange();
    }
}
