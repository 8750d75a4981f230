package dev.runbook.cli;

import dev.runbook.event.RunEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.report.Plan;
import dev.runbook.report.SavedPlan;
import java.io.IOException;
import java.time.Instant;

/** `runbook plan RUNBOOK`: what apply would change, from read-only probes; nothing is changed. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show what apply would change on every host, from read-only probes. Changes nothing.")
final class PlanCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "RUNBOOK", description = "The runbook file.")
    Path runbook;

    @Option(names = "--out", paramLabel = "FILE", description = "Save the plan (JSON) for 'apply --plan FILE'.")
    Path out;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write the plan as one self-contained HTML file, with every predicted diff (as with --diff).")
    Path report;

    @Option(names = "--detailed-exitcode", description = "Exit 6 when the plan has changes or unknowns, 0 when nothing would change.")
    boolean detailedExitcode;

    @Mixin
    RunOptions options;

    PlanCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        Path reportFile = report == null ? null : HtmlReportFile.checkWritable(ctx.env().path(report.toString()));
        RunExecution run = new RunExecution(ctx, options);
        if (reportFile != null) {
            run.collectDiffs();
        }
        var prepared = run.prepare(runbook, RunEvent.Mode.PLAN);
        Instant started = Instant.now();
        int exit = run.run(prepared, List.of());
        Plan plan = run.plan();
        if (reportFile != null) {
            Path written = PlanReportFile.write(plan, prepared.graph(), runbook.toAbsolutePath().normalize().toString(), started,
                    reportFile);
            ctx.err().println("report: " + written);
            ctx.err().flush();
        }
        if (options.output == RunOptions.Output.json) {
            ctx.out().println(dev.runbook.report.PlanJson.line(plan)); // the whole plan last, for machines
            ctx.out().flush();
        }
        if (out != null) {
            try {
                new SavedPlan(SavedPlan.FORMAT_VERSION, Instant.now().toString(), run.fingerprints(prepared), plan).write(out);
            } catch (IOException e) {
                throw UserInputException.of(SourceSpan.NONE, "cannot write the plan to '" + out + "': " + e.getMessage(), null);
            }
            if (options.output == RunOptions.Output.text) {
                ctx.out().println("Saved the plan to " + out + "; apply exactly it with: runbook apply " + runbook
                        + options.inventory.stream().map(i -> " -i " + i).collect(java.util.stream.Collectors.joining()) + " --plan " + out);
            }
        }
        if (detailedExitcode && exit == ExitCode.OK.code() && plan.hasChanges()) {
            return ExitCode.CHANGES_PENDING.code();
        }
        return exit;
    }
}
