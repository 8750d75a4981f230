package dev.runbook.report;

import dev.runbook.event.RunEvent;
import dev.runbook.event.RunListener;
import java.io.PrintWriter;

/** Text output of a plan-mode run: a header, warnings as they come, the plan at the end. */
public final class PlanReporter implements RunListener {
    private final PrintWriter out;
    private final PlanCollector collector;
    private final PlanPrinter printer;
    private final boolean colour;

    public PlanReporter(PrintWriter out, PlanCollector collector, boolean colour, boolean diff) {
        this.out = out;
        this.collector = collector;
        this.printer = new PlanPrinter(out, colour, diff);
        this.colour = colour;
    }

    @Override
    public synchronized void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted s) {
            String head = "Planning " + s.runbook() + " on " + s.hosts().size() + (s.hosts().size() == 1 ? " host" : " hosts")
                    + " (read-only probes; nothing is changed)";
            out.println(colour ? Ansi.bold(head) : head);
            out.println();
        } else if (event instanceof RunEvent.Warning w) {
            out.println("warning: " + (w.host() == null ? "" : w.host() + ": ") + w.message());
        } else if (event instanceof RunEvent.RunFinished) {
            printer.print(collector.plan());
        }
        out.flush();
    }
}
