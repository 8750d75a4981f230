package dev.runbook.report;

import dev.runbook.event.RunEvent;
import dev.runbook.event.StepStatus;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A block of lines at the bottom of a terminal, one per step (hosts done, running, failed),
 * redrawn in place as events arrive. Lines printed meanwhile go above it.
 */
final class LiveStatus {
    private static final class Counts {
        int running;
        int done;
        int failed;
        int skipped;
    }

    private final PrintWriter out;
    private final Map<String, Counts> steps = new LinkedHashMap<>();
    private final int hosts;
    private final boolean colour;
    private final int width;
    private int drawn;
    private long lastDraw;

    LiveStatus(PrintWriter out, List<String> stepIds, int hosts, boolean colour) {
        this.out = out;
        this.hosts = hosts;
        this.colour = colour;
        stepIds.forEach(s -> steps.put(s, new Counts()));
        this.width = Math.min(28, stepIds.stream().mapToInt(String::length).max().orElse(8));
    }

    void on(RunEvent e) {
        if (e instanceof RunEvent.StepStarted s) {
            steps.get(s.step()).running++;
        } else if (e instanceof RunEvent.StepFinished f) {
            Counts c = steps.get(f.step());
            if (f.status() == StepStatus.SKIPPED || f.status() == StepStatus.INTERRUPTED) {
                c.skipped++;
            } else {
                c.running = Math.max(0, c.running - 1);
                c.done++;
                if (f.status().isFailure()) {
                    c.failed++;
                }
            }
        }
        long now = System.nanoTime();
        if (now - lastDraw > 100_000_000L || e instanceof RunEvent.RunFinished) {
            redraw();
            lastDraw = now;
        }
    }

    void above(String line) {
        clear();
        out.println(line);
        redraw();
    }

    void close() {
        redraw();
        drawn = 0;
    }

    private void clear() {
        for (int i = 0; i < drawn; i++) {
            out.print("\u001b[1A\u001b[2K");
        }
        drawn = 0;
    }

    private void redraw() {
        clear();
        for (Map.Entry<String, Counts> e : steps.entrySet()) {
            Counts c = e.getValue();
            int finished = c.done + c.skipped;
            int barWidth = 20;
            int filled = hosts == 0 ? 0 : finished * barWidth / hosts;
            String bar = "█".repeat(filled) + "░".repeat(barWidth - filled);
            String line = "  " + ConsoleReporter.pad(e.getKey(), width) + "  " + bar + "  " + finished + "/" + hosts
                    + (c.running > 0 ? "  running " + c.running : "")
                    + (c.failed > 0 ? "  failed " + c.failed : "")
                    + (c.skipped > 0 ? "  skipped " + c.skipped : "");
            out.println(colour && c.failed > 0 ? Ansi.red(line) : line);
            drawn++;
        }
        out.flush();
    }
}
