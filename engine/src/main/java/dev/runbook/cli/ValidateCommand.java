package dev.runbook.cli;

import dev.runbook.plan.StepGraph;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** `runbook validate FILE`: every error at once, nothing run. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a runbook and its includes: every error at once with file:line:col; nothing is run.")
final class ValidateCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "RUNBOOK", description = "The runbook file.")
    Path runbook;

    ValidateCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        StepGraph g = Engines.create().load(runbook, dev.runbook.vault.Vault.deferred(), Engines.roleSearch(ctx));
        int tasks = g.runbook().steps().values().stream().mapToInt(s -> s.tasks().size()).sum();
        ctx.out().println(runbook + ": ok (" + g.order().size() + (g.order().size() == 1 ? " step, " : " steps, ")
                + tasks + (tasks == 1 ? " task)" : " tasks)"));
        ctx.out().flush();
        return ExitCode.OK.code();
    }
}
