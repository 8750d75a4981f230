package dev.runbook.report;

import dev.runbook.event.RunEvent;
import dev.runbook.event.RunListener;
import dev.runbook.event.StepStatus;
import dev.runbook.event.TaskOutcome;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/**
 * People's view of a run: one line per task per host, skipped steps with their reason, a recap
 * per host and the total time. On a terminal with many hosts, a live status per step replaces
 * the scroll of task lines (failures are still printed).
 */
public final class ConsoleReporter implements RunListener {
    /** Above this many hosts, a terminal gets the live status instead of task lines. */
    public static final int LIVE_THRESHOLD = 5;

    private final PrintWriter out;
    private final boolean colour;
    private final boolean verbose;
    private final boolean allowLive;
    private final boolean diff;
    private LiveStatus live;
    private int hostWidth = 9;
    private String runbook = "";
    private int hosts;

    public ConsoleReporter(PrintWriter out, boolean colour, boolean interactive, boolean verbose) {
        this(out, colour, interactive, verbose, false);
    }

    /** @param diff show what tasks report as their diff (file diffs, sync's per-path listing): --diff */
    public ConsoleReporter(PrintWriter out, boolean colour, boolean interactive, boolean verbose, boolean diff) {
        this.diff = diff;
        this.out = out;
        this.colour = colour;
        this.verbose = verbose;
        this.allowLive = interactive;
    }

    @Override
    public synchronized void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted s) {
            started(s);
        } else if (event instanceof RunEvent.TaskFinished f) {
            taskFinished(f);
        } else if (event instanceof RunEvent.TaskRestored r && live == null) {
            print(dim(pad("done", 8)) + "  " + pad(r.host(), hostWidth) + "  " + r.step() + " › " + r.task()
                    + (r.item() == null ? "" : " (item " + r.item() + ")") + dim("  — " + r.outcome().status() + " before the resume"));
        } else if (event instanceof RunEvent.StepFinished s) {
            stepFinished(s);
        } else if (event instanceof RunEvent.TaskRescued r && live == null) {
            print(yellow(pad("rescue", 8)) + "  " + pad(r.host(), hostWidth) + "  " + r.step() + " › " + r.task()
                    + dim("  — failed; the block's rescue runs"));
        } else if (event instanceof RunEvent.HandlerStarting h && live == null) {
            print(dim(pad("handler", 8)) + "  " + pad(h.host(), hostWidth) + "  " + h.step() + " › " + h.handler()
                    + dim("  — notified by " + String.join(", ", h.notifiedBy().stream().map(n -> "'" + n + "'").toList())));
        } else if (event instanceof RunEvent.TaskOutput o && verbose) {
            print(pad(o.host(), hostWidth) + "  " + dim("│ " + o.line()));
        } else if (event instanceof RunEvent.HostUnreachable u) {
            print(red("UNREACHABLE") + "  " + u.host() + "  " + u.cause());
        } else if (event instanceof RunEvent.Warning w) {
            print(yellow("warning:") + " " + (w.host() == null ? "" : w.host() + ": ") + w.message());
        } else if (event instanceof RunEvent.BatchStarted b && b.batches() > 1) {
            print(dim("batch " + b.batch() + " of " + b.batches() + ": " + String.join(", ", b.hosts())));
        } else if (event instanceof RunEvent.RunFinished f) {
            finished(f);
        }
        if (live != null) {
            live.on(event);
        }
        out.flush();
    }

    private void started(RunEvent.RunStarted s) {
        runbook = s.runbook();
        hosts = s.hosts().size();
        hostWidth = Math.min(30, s.hosts().stream().mapToInt(String::length).max().orElse(9));
        String mode = s.mode() == RunEvent.Mode.PLAN ? "plan (dry-run, nothing is changed)" : "apply";
        out.println(bold(s.runbook()) + dim(" · " + hosts + (hosts == 1 ? " host" : " hosts") + " · " + s.steps().size()
                + (s.steps().size() == 1 ? " step" : " steps") + " · " + mode + " · run " + s.runId()));
        if (allowLive && hosts > LIVE_THRESHOLD) {
            live = new LiveStatus(out, s.steps(), hosts, colour);
        }
    }

    private void taskFinished(RunEvent.TaskFinished f) {
        TaskOutcome o = f.outcome();
        boolean failure = o instanceof TaskOutcome.Failed || o instanceof TaskOutcome.Unreachable;
        if (live != null && !failure) {
            return;
        }
        String name = f.step() + " › " + f.task() + (f.item() == null ? "" : " (item " + f.item() + ")");
        String line = status(o) + "  " + pad(f.host(), hostWidth) + "  " + name + "  " + dim(time(f.duration()));
        String msg = message(o);
        if (!msg.isEmpty()) {
            line += failure ? "\n" + indent(msg) : dim("  — " + firstLine(msg));
        }
        print(line);
        if (diff && o instanceof TaskOutcome.Ok ok && ok.diff() != null && !ok.diff().isBlank()) {
            print(indent(ok.diff().stripTrailing()));
        }
    }

    private void stepFinished(RunEvent.StepFinished s) {
        if (s.status() == StepStatus.SKIPPED || s.status() == StepStatus.INTERRUPTED) {
            if (live != null && s.status() == StepStatus.SKIPPED && s.reason() != null && !s.reason().startsWith("needs")) {
                return;
            }
            String word = s.status() == StepStatus.SKIPPED ? dim(pad("skipped", 8)) : yellow(pad("stopped", 8));
            print(word + "  " + pad(s.host(), hostWidth) + "  " + s.step() + dim("  — " + s.reason()));
        }
    }

    private void finished(RunEvent.RunFinished f) {
        if (live != null) {
            live.close();
            live = null;
        }
        out.println();
        out.println(bold("Recap"));
        for (Map.Entry<String, RunEvent.HostRecap> e : f.recap().entrySet()) {
            RunEvent.HostRecap r = e.getValue();
            String counts = "ok=" + r.ok() + "  changed=" + r.changed() + "  failed=" + r.failed()
                    + "  skipped=" + r.skipped() + "  unreachable=" + r.unreachable() + "  ignored=" + r.ignored()
                    + (r.rescued() > 0 ? "  rescued=" + r.rescued() : "");
            String host = pad(e.getKey(), hostWidth);
            out.println("  " + (r.failed() > 0 || r.unreachable() > 0 ? red(host) : r.changed() > 0 ? yellow(host) : green(host)) + "  " + counts);
        }
        String verdict = switch (f.exitCode()) {
            case 0 -> green("ok");
            case 2 -> red("failed");
            case 3 -> red("unreachable hosts");
            case 5 -> yellow("interrupted");
            default -> "exit " + f.exitCode();
        };
        out.println(runbook + ": " + hosts + (hosts == 1 ? " host" : " hosts") + " in " + time(f.duration()) + " — " + verdict);
    }

    private String status(TaskOutcome o) {
        String word = pad(o instanceof TaskOutcome.Failed fl && fl.ignored() ? "ignored" : o.status(), 8);
        if (o instanceof TaskOutcome.Ok ok) {
            return ok.changed() ? yellow(word) : green(word);
        }
        if (o instanceof TaskOutcome.Failed || o instanceof TaskOutcome.Unreachable) {
            return red(word);
        }
        return dim(word);
    }

    private static String message(TaskOutcome o) {
        if (o instanceof TaskOutcome.Failed f) {
            String stderr = f.result().get("stderr") instanceof String s && !s.isBlank() ? "\n" + tail(s) : "";
            return f.msg() + stderr;
        }
        if (o instanceof TaskOutcome.Unreachable u) {
            return u.msg() + (u.mayHaveStarted() ? " — the task may have run on the host: it is not run again"
                    + " (--resume checks it)" : "");
        }
        if (o instanceof TaskOutcome.Skipped s) {
            return s.reason();
        }
        if (o instanceof TaskOutcome.Ok ok) {
            return ok.msg();
        }
        if (o instanceof TaskOutcome.Planned p) {
            return p.change().summary();
        }
        return "";
    }

    private static String tail(String s) {
        var lines = s.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    private void print(String line) {
        if (live != null) {
            live.above(line);
        } else {
            out.println(line);
        }
    }

    static String time(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        return (ms / 60_000) + "m" + String.format(java.util.Locale.ROOT, "%02d", (ms / 1000) % 60) + "s";
    }

    private static String indent(String s) {
        return s.lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static String firstLine(String s) {
        String l = s.lines().findFirst().orElse("");
        return l.length() > 120 ? l.substring(0, 117) + "..." : l;
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private String red(String s) {
        return colour ? Ansi.red(s) : s;
    }

    private String green(String s) {
        return colour ? Ansi.green(s) : s;
    }

    private String yellow(String s) {
        return colour ? Ansi.yellow(s) : s;
    }

    private String dim(String s) {
        return colour ? Ansi.dim(s) : s;
    }

    private String bold(String s) {
        return colour ? Ansi.bold(s) : s;
    }
}
