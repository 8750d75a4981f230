package dev.runbook.cli;

import dev.runbook.state.History;
import dev.runbook.state.Json;
import dev.runbook.state.RunStore;
import dev.runbook.state.RunView;
import dev.runbook.state.local.LocalRunStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `runbook show RUN`: per host, step and task what a run did; with --task, what the task printed. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show one run: per host, step and task the status, changed, duration and message. "
                + "With --host and --task: the output the task printed.")
final class ShowCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run id from `runbook runs`, or 'last'.")
    String run;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".runbook", description = "Where run state lives (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--host", paramLabel = "HOST", description = "Only this host.")
    String host;

    @Option(names = "--failed", description = "Only failed and unreachable hosts, and only the steps and tasks that failed.")
    boolean failed;

    @Option(names = "--task", paramLabel = "NAME", description = "Only this task (its name as shown); prints what it printed.")
    String task;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    RunOptions.Output output;

    @Option(names = "--html", arity = "0..1", paramLabel = "FILE", fallbackValue = "",
            description = "Write the run as one self-contained HTML file (default: RUN.html in the current directory).")
    String html;

    ShowCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        RunStore store = new LocalRunStore(stateDir, w -> ctx.err().println("warning: " + w));
        History history = new History(store, w -> ctx.err().println("warning: " + w));
        String id = run;
        if ("last".equals(run)) {
            List<String> all = store.list();
            if (all.isEmpty()) {
                throw dev.runbook.diag.UserInputException.of(dev.runbook.diag.SourceSpan.NONE, "no runs in "
                        + store.describe(), null);
            }
            id = all.get(all.size() - 1);
        }
        if (html != null) {
            Path file = ctx.env().path(html.isEmpty() ? id + ".html" : html);
            ctx.out().println("wrote " + HtmlReportFile.write(store, id, file, w -> ctx.err().println("warning: " + w)));
            ctx.out().flush();
            return ExitCode.OK.code();
        }
        RunView view = history.summaryView(id);
        if (host != null && !view.hosts().contains(host)) {
            throw dev.runbook.diag.UserInputException.of(dev.runbook.diag.SourceSpan.NONE, "run " + id + " has no host '" + host + "'",
                    dev.runbook.diag.Suggestions.didYouMean(host, view.hosts()));
        }
        RunReport report = new RunReport(view, store, new RunReport.Filter(host, failed, task));
        PrintWriter out = ctx.out();
        if (output == RunOptions.Output.json) {
            out.println(Json.line(report.json()));
        } else {
            report.print(out);
        }
        out.flush();
        return ExitCode.OK.code();
    }

    static String time(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format("%.1fs", ms / 1000.0);
        }
        return (ms / 60_000) + "m" + String.format("%02d", (ms / 1000) % 60) + "s";
    }

    static String str(Map<String, Object> r, String key) {
        Object v = r == null ? null : r.get(key);
        return v == null ? "" : String.valueOf(v);
    }
}
