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

/** `runbook apply RUNBOOK`: run it (or, with --dry-run, plan it). */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a runbook against its hosts. With --dry-run, show what would change and change nothing.")
final class ApplyCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "RUNBOOK", description = "The runbook file.")
    Path runbook;

    @Option(names = "--dry-run", description = "Plan instead: probe every host read-only and show what would change.")
    boolean dryRun;

    @Option(names = "--plan", paramLabel = "FILE",
            description = "Apply exactly this saved plan: refuse if the runbook, inventory or any host changed since.")
    Path plan;

    @Option(names = "--report", paramLabel = "FILE",
            description = "When the run ends, write it as one self-contained HTML file (like `runbook show RUN --html FILE`); "
                    + "with --dry-run, the plan.")
    Path report;

    @Mixin
    RunOptions options;

    @Mixin
    ResumeOptions resume;

    ApplyCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        Path reportFile = report == null ? null : ctx.env().path(report.toString());
        if (reportFile != null) {
            HtmlReportFile.checkWritable(reportFile);
        }
        RunExecution run = new RunExecution(ctx, options);
        if (plan != null) {
            if (dryRun) {
                throw UserInputException.of(SourceSpan.NONE, "--plan and --dry-run cannot be used together", null);
            }
            new SavedPlanCheck(run, plan).verify(runbook);
        }
        if (dryRun) {
            if (resume.resume != null) {
                throw UserInputException.of(SourceSpan.NONE, "--resume and --dry-run cannot be used together",
                        "plan shows what a new run would do; --resume continues a run");
            }
            return dryRun(run, reportFile); // plans take no lock and keep no journal
        }
        return new JournaledApply(ctx, options, resume).apply(runbook, reportFile);
    }

    private int dryRun(RunExecution run, Path reportFile) throws InterruptedException {
        if (reportFile != null) {
            run.collectDiffs();
        }
        RunExecution.Prepared p = run.prepare(runbook, RunEvent.Mode.PLAN);
        java.time.Instant started = java.time.Instant.now();
        int exit = run.run(p, List.of());
        if (reportFile != null) {
            ctx.err().println("report: " + PlanReportFile.write(run.plan(), p.graph(), runbook.toAbsolutePath().normalize().toString(),
                    started, reportFile));
            ctx.err().flush();
        }
        return exit;
    }
}
