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

    @Option(names = "--compare", paramLabel = "OTHER",
            description = "With --html: mark the hosts and tasks whose outcome, or markedly their duration, differ from run OTHER "
                    + "(a run id, 'last', or 'previous': the run before RUN).")
    String compare;

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
        if (compare != null && html == null) {
            throw dev.runbook.diag.UserInputException.of(dev.runbook.diag.SourceSpan.NONE, "--compare works with --html only",
                    "add --html [FILE]: the comparison is drawn in the report");
        }
        if (html != null) {
            Path file = ctx.env().path(html.isEmpty() ? id + ".html" : html);
            String other = compare == null ? null : other(store, id);
            ctx.out().println("wrote " + HtmlReportFile.write(store, id, other, file, w -> ctx.err().println("warning: " + w)));
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

    /** The run --compare names: an id, 'last', or 'previous' (the run listed just before {@code id}). */
    private String other(RunStore store, String id) {
        List<String> all = store.list();
        String other = switch (compare) {
            case "last" -> all.isEmpty() ? compare : all.get(all.size() - 1);
            case "previous" -> {
                int i = all.indexOf(id);
                if (i <= 0) {
                    throw dev.runbook.diag.UserInputException.of(dev.runbook.diag.SourceSpan.NONE, "run " + id
                            + " has no previous run in " + store.describe(), "give the run to compare with by its id (`runbook runs`)");
                }
                yield all.get(i - 1);
            }
            default -> compare;
        };
        if (other.equals(id)) {
            throw dev.runbook.diag.UserInputException.of(dev.runbook.diag.SourceSpan.NONE, "--compare names run " + id
                    + " itself", "give another run (`runbook runs` lists them)");
        }
        return other;
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
