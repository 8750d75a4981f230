package dev.runbook.exec;

import dev.runbook.event.TaskOutcome;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;

/** How a task that really ran during a plan (a controller-side module) is shown in the plan. */
final class PlanMode {
    private PlanMode() {
    }

    /** An outcome of a task that ran for real in plan mode, as the plan's prediction. */
    static TaskOutcome asPlanned(TaskOutcome done) {
        if (done instanceof TaskOutcome.Ok ok) {
            ChangeKind kind = ok.changed() ? ChangeKind.CHANGE : ChangeKind.NONE;
            return new TaskOutcome.Planned(new Change(kind, ok.msg(), ok.diff(), ok.result(), null));
        }
        return done;
    }
}
