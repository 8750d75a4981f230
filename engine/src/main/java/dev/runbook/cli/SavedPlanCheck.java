package dev.runbook.cli;

import dev.runbook.diag.Diagnostics;
import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.event.RunEvent;
import dev.runbook.report.SavedPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Before {@code apply --plan FILE}: the runbook, inventory and options must be what the plan was
 * made from, and a fresh read-only plan must match the saved one task by task (same change, same
 * probed state). Anything else is refused, naming what drifted; nothing is changed.
 */
final class SavedPlanCheck {
    private final RunExecution run;
    private final Path file;

    SavedPlanCheck(RunExecution run, Path file) {
        this.run = run;
        this.file = file;
    }

    void verify(Path runbook) throws InterruptedException {
        SavedPlan saved;
        try {
            saved = SavedPlan.read(file);
        } catch (IOException e) {
            throw UserInputException.of(SourceSpan.NONE, "cannot read the plan '" + file + "': " + e.getMessage(),
                    "make one with: runbook plan RUNBOOK --out " + file);
        }
        var prepared = run.prepare(runbook, RunEvent.Mode.PLAN);
        SavedPlan.Fingerprints now = run.fingerprints(prepared);
        SavedPlan.Fingerprints then = saved.fingerprints();
        Diagnostics diags = new Diagnostics();
        String remake = "make a new plan with: runbook plan " + runbook + " --out " + file;
        if (!now.runbook().equals(then.runbook())) {
            diags.error(SourceSpan.NONE, "the runbook " + then.runbookFile() + " (or a file it includes) changed since the plan", remake);
        }
        if (!now.inventory().equals(then.inventory())) {
            diags.error(SourceSpan.NONE, "the inventory " + (then.inventoryFile() == null ? "(localhost)" : then.inventoryFile())
                    + " changed since the plan (or a different one was given)", remake);
        }
        if (!now.options().equals(then.options())) {
            diags.error(SourceSpan.NONE, "-e, --limit, --only or --from differ from the plan's", "give the same ones, or " + remake);
        }
        diags.throwIfErrors();
        List<String> drift = saved.drift(run.planQuietly(prepared));
        for (String d : drift) {
            diags.error(SourceSpan.NONE, d);
        }
        if (!drift.isEmpty()) {
            diags.error(SourceSpan.NONE, "the hosts are no longer as the plan saw them; nothing was applied", remake);
        }
        diags.throwIfErrors();
    }
}
