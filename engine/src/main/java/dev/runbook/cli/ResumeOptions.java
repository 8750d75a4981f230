package dev.runbook.cli;

import picocli.CommandLine.Option;

/** Options of apply that concern the run's journal and --resume. */
final class ResumeOptions {
    @Option(names = "--resume", arity = "0..1", paramLabel = "RUN", fallbackValue = "",
            description = "Continue the newest unfinished run of this runbook (or RUN, from `runbook runs`): "
                    + "what it finished is not run again.")
    String resume;

    @Option(names = "--force", description = "With --resume: continue even though the runbook or inventory was edited "
            + "since the run; a task whose definition changed runs again, and so does everything after it on that host.")
    boolean force;

    @Option(names = "--resume-rerun-unknown", description = "With --resume: run again a bare command or shell task that was "
            + "running when the run stopped (nothing can tell whether it finished).")
    boolean rerunUnknown;

    @Option(names = "--no-journal", description = "Write no journal for this run (it cannot be resumed or shown later).")
    boolean noJournal;
}
