package dev.runbook.report.html;

import dev.runbook.state.RunView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How fast headless Chromium opens the report of a 1,000-host × 50-task run, and how big it is.
 * Not part of the test suite (no timing is asserted anywhere): run it by name, see docs/performance.md.
 * Prints, per opening, the browser's own navigation-to-load-event time and first contentful paint.
 */
class HtmlReportBenchmark {
    @Test
    void openTheReportOfAThousandHostsWithFiftyTasksEach() throws Exception {
        Path file = Path.of(System.getProperty("report",
                System.getProperty("rich") != null ? "target/report-1000-hosts-rich.html" : "target/report-1000-hosts.html")).toAbsolutePath();
        if (System.getProperty("report") == null) {
            // -Drich: every changed task with its diff, every step's tasks printing (see FleetJournal)
            boolean rich = System.getProperty("rich") != null;
            String html = HtmlReport.of(RunView.of("r1", FleetJournal.fleet(1000, 10, -1, 0, rich)),
                    rich ? new FleetJournal.Printed() : new FleetJournal.NoOutput()).html();
            Files.writeString(file, html, StandardCharsets.UTF_8);
        }
        Path profile = Files.createTempDirectory("report-bench-");
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%s: %.2f MB", file.getFileName(), Files.size(file) / 1e6));
        long started = System.nanoTime();
        try (RequestRecorder proxy = new RequestRecorder(); Chromium browser = Chromium.start(profile.resolve("p"), proxy.port())) {
            browser.open("about:blank");
            lines.add(String.format("browser started in %d ms", (System.nanoTime() - started) / 1_000_000));
            for (int i = 0; i < 6; i++) {
                browser.call("Performance.disable", java.util.Map.of());
                browser.call("Performance.enable", java.util.Map.of());
                long t0 = System.nanoTime();
                browser.open(file.toUri().toString());
                long wall = (System.nanoTime() - t0) / 1_000_000;
                java.util.Map<String, Double> metrics = new java.util.HashMap<>();
                browser.call("Performance.getMetrics", java.util.Map.of()).path("metrics")
                        .forEach(n -> metrics.put(n.path("name").asText(), n.path("value").asDouble()));
                var m = browser.eval("(() => { const n = performance.getEntriesByType('navigation')[0];"
                        + " const p = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint');"
                        + " return [Math.round(n.loadEventEnd), p ? Math.round(p.startTime) : -1,"
                        + " document.getElementsByTagName('*').length, document.querySelectorAll('svg *').length]; })()");
                lines.add(String.format("opening %d: load event %d ms, first contentful paint %d ms, wall %d ms; %d elements, %d in SVG;"
                        + " main thread busy %d ms, of which style %d ms, layout %d ms", i + 1, m.get(0).asLong(), m.get(1).asLong(), wall,
                        m.get(2).asLong(), m.get(3).asLong(), ms(metrics, "TaskDuration"), ms(metrics, "RecalcStyleDuration"),
                        ms(metrics, "LayoutDuration")));
                browser.open("about:blank");
            }
            lines.add("requests made: " + proxy.requests().stream().filter(r -> !r.isEmpty()
                    && !r.matches("(?i)\\S+ (https?://)?[a-z0-9.-]+\\.(google|googleapis|gstatic|gvt1)\\.com[:/].*")).toList());
        }
        lines.forEach(System.out::println);
        Files.write(Path.of("target", "report-benchmark.txt"), lines);
    }

    private static long ms(java.util.Map<String, Double> metrics, String name) {
        return Math.round(metrics.getOrDefault(name, 0.0) * 1000);
    }
}
