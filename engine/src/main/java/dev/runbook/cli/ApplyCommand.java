package dev.runbook.cli;

import dev.runbook.event.RunEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `runbook apply RUNBOOK`: run it (or, with --dry-run, plan it). */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a runbook against its hosts. With --dry-run, show what would change and change nothing.")
final class ApplyCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "RUNBOOK", description = "The runbook file.")
    Path runbook;

    @Option(names = "--dry-run", description = "Plan instead: probe every host read-only and show what would change.")
    boolean dryRun;

    @Mixin
    RunOptions options;

    ApplyCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        RunExecution run = new RunExecution(ctx, options);
        var prepared = run.prepare(runbook, dryRun ? RunEvent.Mode.PLAN : RunEvent.Mode.APPLY);
        return run.run(prepared, List.of());
    }
}
