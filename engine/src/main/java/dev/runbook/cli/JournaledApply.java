package dev.runbook.cli;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.event.RunEvent;
import dev.runbook.event.RunListener;
import dev.runbook.exec.RunRequest;
import dev.runbook.model.Runbook;
import dev.runbook.state.Fingerprint;
import dev.runbook.state.History;
import dev.runbook.state.JournalListener;
import dev.runbook.state.LockHeldException;
import dev.runbook.state.LockHolder;
import dev.runbook.state.ResumeCheck;
import dev.runbook.state.ResumeState;
import dev.runbook.state.RunLock;
import dev.runbook.state.RunOrigin;
import dev.runbook.state.RunStore;
import dev.runbook.state.RunView;
import dev.runbook.state.local.LocalRunStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * apply with its journal: takes the runbook's lock, continues a run on --resume (its own
 * inventory, limit, extra vars and selection; refusing edits unless --force and in-flight
 * commands that cannot be checked unless --resume-rerun-unknown), journals every event.
 */
final class JournaledApply {
    private final CliContext ctx;
    private final RunOptions options;
    private final ResumeOptions resume;

    JournaledApply(CliContext ctx, RunOptions options, ResumeOptions resume) {
        this.ctx = ctx;
        this.options = options;
        this.resume = resume;
    }

    /** Applies the runbook; when {@code report} is given, writes the run's HTML report there at the end. */
    int apply(Path runbookFile, Path report) throws InterruptedException {
        RunStore store = new LocalRunStore(options.stateDir, this::warn);
        String runbook = runbookFile.toAbsolutePath().normalize().toString();
        try (RunLock lock = lock(store, runbook)) {
            if (lock.takenOver() != null) {
                warn("took over the lock of a run that is no longer running (" + lock.takenOver().describe() + ")");
            }
            RunView view = null;
            if (resume.resume != null) {
                view = new History(store, this::warn).toResume(runbook, resume.resume);
                ResumedOptions.apply(view.origin(), options);
            }
            RunExecution run = new RunExecution(ctx, options);
            if (report != null) {
                run.collectDiffs(); // the report shows what changed in files, whether or not the screen does (--diff)
            }
            RunExecution.Prepared p = run.prepare(runbookFile, RunEvent.Mode.APPLY);
            Runbook rb = p.graph().runbook();
            RunOrigin origin = origin(rb, runbook, run.inventories(), p.request());
            if (view != null) {
                check(view, origin, rb, p);
                p = new RunExecution.Prepared(p.engine(), p.graph(), p.request().resuming(new ResumeState(view, rb)));
            }
            if (resume.noJournal && report != null) {
                throw UserInputException.of(SourceSpan.NONE, "--report needs the run's journal: it cannot be used with --no-journal", null);
            }
            if (resume.noJournal) {
                return run.run(p, List.of());
            }
            JournalListener journal = new JournalListener(store, origin, rb, view != null);
            int exit = run.run(p, List.<RunListener>of(journal));
            if (journal.failure() != null) {
                ctx.err().println("runbook: the run stopped: " + journal.failure().getMessage()
                        + "; no task was started that the journal could not record");
                ctx.err().flush();
                return ExitCode.STATE_FAILED.code();
            }
            if (report != null && journal.runId() != null) {
                ctx.err().println("report: " + HtmlReportFile.write(store, journal.runId(), report, this::warn));
                ctx.err().flush();
            }
            return exit;
        }
    }

    private RunLock lock(RunStore store, String runbook) {
        try {
            return store.lock(runbook, LockHolder.me(runbook));
        } catch (LockHeldException e) {
            throw UserInputException.of(SourceSpan.NONE, e.getMessage(),
                    "wait for it to finish (or stop it); two applies of one runbook over one state directory cannot run at once");
        }
    }

    private void check(RunView view, RunOrigin now, Runbook rb, RunExecution.Prepared p) {
        List<String> changed = ResumeCheck.changes(view.origin(), now);
        if (!changed.isEmpty() && !resume.force) {
            throw UserInputException.of(SourceSpan.NONE, "run " + view.id() + " cannot be resumed: "
                    + String.join("; ", changed) + " since it ran",
                    "undo the change, or add --force: a task whose definition changed then runs again, and so does "
                            + "everything after it on that host");
        }
        if (!changed.isEmpty()) {
            warn("resuming run " + view.id() + " although " + String.join("; ", changed) + " (--force)");
        }
        List<String> running = ResumeCheck.inFlight(view);
        if (!running.isEmpty() && view.end() == null) {
            warn("run " + view.id() + " stopped while " + String.join("; ", running) + " ran; a stopped runbook does not stop "
                    + "the commands it started: make sure they have ended before they are checked again");
        }
        List<ResumeCheck.Unknown> unknown = ResumeCheck.uncheckable(view, rb, p.engine().modules());
        if (!unknown.isEmpty() && !resume.rerunUnknown) {
            throw UserInputException.of(SourceSpan.NONE, "run " + view.id() + " stopped while a command was running that "
                    + "cannot tell whether it finished: " + unknown.stream().map(ResumeCheck.Unknown::describe)
                    .collect(Collectors.joining("; ")),
                    "check the host; then --resume-rerun-unknown runs it again (a creates:, removes: or check: on the "
                            + "task lets a resume decide by itself; check_mode: false marks one that only reads)");
        }
    }

    private RunOrigin origin(Runbook rb, String runbook, List<String> inventories, RunRequest request) {
        List<String> sources = ResumedOptions.sources(inventories);
        List<Path> files = new java.util.ArrayList<>();
        sources.forEach(i -> files.addAll(Fingerprint.inventoryFiles(Path.of(i))));
        return new RunOrigin(runbook, sources, options.limit, ResumedOptions.recordedExtraVars(request.extraVars(), request.secrets()),
                options.only, options.from, request.forks(), Fingerprint.files(rb.files()), Fingerprint.files(files));
    }

    private void warn(String message) {
        ctx.err().println("warning: " + message);
        ctx.err().flush();
    }
}
