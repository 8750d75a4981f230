package dev.runbook.cli;

import dev.runbook.state.History;
import dev.runbook.state.Json;
import dev.runbook.state.RunSummary;
import dev.runbook.state.local.LocalRunStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `runbook runs`: the runs kept in the state directory, oldest first; --prune KEEP removes old ones. */
@Command(name = "runs", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List past runs: id, runbook, start, duration, status, hosts ok/changed/failed/unreachable, resumable.")
final class RunsCommand implements Callable<Integer> {
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private final CliContext ctx;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".runbook", description = "Where run state lives (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--prune", paramLabel = "KEEP", description = "Remove all but the newest KEEP runs (the newest unfinished run of each runbook is kept).")
    Integer prune;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    RunOptions.Output output;

    RunsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        History history = new History(new LocalRunStore(stateDir, w -> ctx.err().println("warning: " + w)), w -> { });
        PrintWriter out = ctx.out();
        if (prune != null) {
            if (prune < 0) {
                throw dev.runbook.diag.UserInputException.of(dev.runbook.diag.SourceSpan.NONE,
                        "--prune needs the number of runs to keep, not " + prune, "for example --prune 20");
            }
            List<String> removed = history.prune(prune);
            out.println("removed " + removed.size() + (removed.size() == 1 ? " run" : " runs") + (removed.isEmpty() ? "" : ": " + String.join(", ", removed)));
            out.flush();
            return ExitCode.OK.code();
        }
        List<RunSummary> runs = history.runs();
        if (output == RunOptions.Output.json) {
            for (RunSummary s : runs) {
                out.println(Json.line(json(s)));
            }
        } else if (runs.isEmpty()) {
            out.println("no runs in " + stateDir.toAbsolutePath().normalize());
        } else {
            print(runs, out);
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private static void print(List<RunSummary> runs, PrintWriter out) {
        int w = Math.max(7, runs.stream().mapToInt(s -> s.name().length()).max().orElse(7));
        out.println(String.format("%-20s  %-" + w + "s  %-19s  %8s  %-11s  %-23s  %s", "RUN", "RUNBOOK", "STARTED (UTC)",
                "DURATION", "STATUS", "HOSTS ok/chg/fail/unr", "RESUMABLE"));
        for (RunSummary s : runs) {
            out.println(String.format("%-20s  %-" + w + "s  %-19s  %8s  %-11s  %-23s  %s", s.id(), s.name(),
                    WHEN.format(s.started()), ShowCommand.time(s.duration()), s.status(),
                    s.ok() + "/" + s.changed() + "/" + s.failed() + "/" + s.unreachable(), s.resumable() ? "yes" : "no"));
        }
    }

    private static Map<String, Object> json(RunSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", s.id());
        m.put("runbook", s.runbook());
        m.put("name", s.name());
        m.put("started", s.started().toString());
        m.put("duration_ms", s.duration().toMillis());
        m.put("status", s.status());
        m.put("hosts", Map.of("ok", s.ok(), "changed", s.changed(), "failed", s.failed(), "unreachable", s.unreachable()));
        m.put("resumable", s.resumable());
        return m;
    }
}
