package dev.runbook.exec;

import dev.runbook.event.TaskOutcome;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Combining the outcomes of a loop's items into the task's outcome. */
final class Outcomes {
    private Outcomes() {
    }

    static TaskOutcome combine(List<TaskOutcome> items, List<Map<String, Object>> results) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("results", results);
        boolean changed = false;
        String failed = null;
        boolean allIgnored = true;
        boolean allSkipped = !items.isEmpty();
        ChangeKind planned = null;
        int unknown = 0;
        for (TaskOutcome o : items) {
            if (o instanceof TaskOutcome.Ok ok) {
                changed |= ok.changed();
                allSkipped = false;
            } else if (o instanceof TaskOutcome.Failed f) {
                failed = failed == null ? f.msg() : failed;
                allIgnored &= f.ignored();
                allSkipped = false;
            } else if (o instanceof TaskOutcome.Planned p) {
                allSkipped = false;
                planned = strongest(planned, p.change().kind());
                unknown += p.change().kind() == ChangeKind.UNKNOWN ? 1 : 0;
            }
        }
        data.put("changed", changed);
        if (failed != null) {
            data.put("failed", true);
            return new TaskOutcome.Failed("one or more items failed: " + failed, data, allIgnored);
        }
        if (planned != null) {
            String summary = items.size() + " items" + (unknown > 0 ? ", " + unknown + " unknown" : "");
            return new TaskOutcome.Planned(new Change(planned, summary, null, unknown > 0 ? null : data, null));
        }
        if (allSkipped) {
            return new TaskOutcome.Skipped("every item was skipped");
        }
        return new TaskOutcome.Ok(changed, items.isEmpty() ? "no items" : "all items completed", data, null);
    }

    /** The kind that says most: unknown over change over create/remove over none. */
    private static ChangeKind strongest(ChangeKind a, ChangeKind b) {
        if (a == null) {
            return b;
        }
        if (a == ChangeKind.UNKNOWN || b == ChangeKind.UNKNOWN) {
            return ChangeKind.UNKNOWN;
        }
        if (a == b) {
            return a;
        }
        if (a == ChangeKind.NONE) {
            return b;
        }
        if (b == ChangeKind.NONE) {
            return a;
        }
        return ChangeKind.CHANGE;
    }

    /** What {@code register} stores for an outcome (Ansible's result shape). */
    static Map<String, Object> registered(TaskOutcome o) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (o instanceof TaskOutcome.Ok ok) {
            out.putAll(ok.result());
            out.put("changed", ok.changed());
            out.put("failed", false);
        } else if (o instanceof TaskOutcome.Failed f) {
            out.putAll(f.result());
            out.put("failed", true);
            out.putIfAbsent("changed", false);
            out.put("msg", f.msg());
        } else if (o instanceof TaskOutcome.Skipped s) {
            out.put("changed", false);
            out.put("skipped", true);
            out.put("skip_reason", s.reason());
        } else if (o instanceof TaskOutcome.Unreachable u) {
            out.put("unreachable", true);
            out.put("msg", u.msg());
        } else if (o instanceof TaskOutcome.Planned p) {
            if (p.change().result() != null) {
                out.putAll(p.change().result());
            }
            out.put("changed", p.change().kind().isChange());
        }
        return out;
    }
}
