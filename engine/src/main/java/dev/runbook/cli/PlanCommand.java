package dev.runbook.cli;

import dev.runbook.event.RunEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** `runbook plan RUNBOOK`: what apply would change, from read-only probes; nothing is changed. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show what apply would change on every host, from read-only probes. Changes nothing.")
final class PlanCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "RUNBOOK", description = "The runbook file.")
    Path runbook;

    @Mixin
    RunOptions options;

    PlanCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        RunExecution run = new RunExecution(ctx, options);
        var prepared = run.prepare(runbook, RunEvent.Mode.PLAN);
        return run.run(prepared, List.of());
    }
}
