package dev.runbook.report.html;

import static dev.runbook.report.html.Html.esc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The run's timeline as SVG: one row per step across all hosts (from the first host that began
 * it to the last that ended it), then, up to {@link #MAX_HOST_ROWS} hosts, one row per host
 * with a bar per step. Beyond that the per-step rows stand for the hosts and each host's
 * durations are in its table.
 */
final class TimelineSvg {
    static final int MAX_HOST_ROWS = 100;
    private static final int LABEL = 180;
    private static final int CHART = 900;
    private static final int ROW = 20;
    private static final int TOP = 24;

    private record Bar(String label, String status, Instant start, Instant end, String title) {
    }

    private record Row(String label, String kind, List<Bar> bars) {
    }

    private TimelineSvg() {
    }

    static String svg(RunFacts facts) {
        Instant t0 = facts.view().started();
        List<Row> rows = new ArrayList<>();
        Map<String, Map<String, Integer>> counts = facts.stepCounts();
        for (String step : facts.view().steps()) {
            rows.add(stepRow(facts, step, counts.getOrDefault(step, Map.of())));
        }
        boolean perHost = facts.hosts().size() <= MAX_HOST_ROWS;
        if (perHost) {
            for (RunFacts.Host h : facts.hosts()) {
                List<Bar> bars = new ArrayList<>();
                for (RunFacts.Step s : h.steps()) {
                    if (s.start() != null && s.end() != null) {
                        bars.add(new Bar(s.step(), s.status(), s.start(), s.end(), h.host() + " · " + s.step() + ": " + s.status()
                                + " " + Html.time(Duration.between(s.start(), s.end()))));
                    }
                }
                bars.sort(java.util.Comparator.comparing(Bar::start));
                rows.add(new Row(h.host(), "host", bars));
            }
        }
        Instant t1 = rows.stream().flatMap(r -> r.bars().stream()).map(Bar::end).max(Instant::compareTo).orElse(t0);
        long span = Math.max(1, Duration.between(t0, t1).toMillis());
        int height = TOP + rows.size() * ROW + 8;
        StringBuilder b = new StringBuilder();
        b.append("<svg id=\"timeline\" role=\"img\" aria-label=\"timeline\" width=\"").append(LABEL + CHART + 20)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(LABEL + CHART + 20).append(' ')
                .append(height).append("\">");
        axis(b, span, height);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int y = TOP + i * ROW;
            if ("host".equals(r.kind()) && (i == 0 || !"host".equals(rows.get(i - 1).kind()))) {
                b.append("<line x1=\"0\" x2=\"").append(LABEL + CHART).append("\" y1=\"").append(y).append("\" y2=\"").append(y)
                        .append("\" stroke=\"#8c959f\"/>");
            }
            b.append("<g class=\"row ").append(r.kind()).append("\" data-row=\"").append(esc(r.label())).append("\">");
            b.append("<text x=\"4\" y=\"").append(y + 14).append("\"").append("step".equals(r.kind()) ? " font-weight=\"600\"" : "")
                    .append('>').append(esc(clip(r.label()))).append("</text>");
            int[] lane = lanes(r.bars());
            int lanes = java.util.Arrays.stream(lane).max().orElse(0) + 1;
            double h = (ROW - 6.0) / lanes;
            for (int j = 0; j < r.bars().size(); j++) {
                Bar bar = r.bars().get(j);
                double x = LABEL + CHART * (double) Duration.between(t0, bar.start()).toMillis() / span;
                double w = Math.max(1.5, CHART * (double) Duration.between(bar.start(), bar.end()).toMillis() / span);
                b.append("<rect class=\"").append(Html.cls(bar.status())).append("\" x=\"").append(fmt(x)).append("\" y=\"")
                        .append(fmt(y + 3 + lane[j] * h)).append("\" width=\"").append(fmt(w)).append("\" height=\"").append(fmt(h))
                        .append("\" fill=\"var(--c)\"><title>").append(esc(bar.title())).append("</title></rect>");
            }
            b.append("</g>");
        }
        b.append("</svg>");
        if (!perHost) {
            b.append("<p>").append(facts.hosts().size()).append(" hosts: the rows above are per step, across all hosts; "
                    + "each host's durations are in its table below.</p>");
        }
        return b.toString();
    }

    /** Lane of each bar: steps that ran at once on a host share the row height, one under the other. */
    private static int[] lanes(List<Bar> bars) {
        int[] lane = new int[bars.size()];
        List<Instant> laneEnds = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int l = 0;
            while (l < laneEnds.size() && laneEnds.get(l).isAfter(bar.start())) {
                l++;
            }
            if (l == laneEnds.size()) {
                laneEnds.add(bar.end());
            } else {
                laneEnds.set(l, bar.end());
            }
            lane[i] = l;
        }
        return lane;
    }

    private static Row stepRow(RunFacts facts, String step, Map<String, Integer> counts) {
        Instant start = null;
        Instant end = null;
        for (RunFacts.Host h : facts.hosts()) {
            for (RunFacts.Step s : h.steps()) {
                if (s.step().equals(step) && s.start() != null && s.end() != null) {
                    start = start == null || s.start().isBefore(start) ? s.start() : start;
                    end = end == null || s.end().isAfter(end) ? s.end() : end;
                }
            }
        }
        String worst = DagSvg.ORDER.stream().filter(st -> counts.getOrDefault(st, 0) > 0).findFirst().orElse("not started");
        List<Bar> bars = start == null ? List.of() : List.of(new Bar(step, worst, start, Objects.requireNonNull(end),
                step + ": " + DagSvg.describe(counts) + " · " + Html.time(Duration.between(start, end))));
        return new Row(step, "step", bars);
    }

    private static void axis(StringBuilder b, long span, int height) {
        long[] steps = {100, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
            1_800_000, 3_600_000, 7_200_000, 21_600_000};
        long tick = steps[steps.length - 1];
        for (long s : steps) {
            if (span / s <= 8) {
                tick = s;
                break;
            }
        }
        for (long t = 0; t <= span; t += tick) {
            double x = LABEL + CHART * (double) t / span;
            b.append("<line x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x)).append("\" y1=\"").append(TOP - 6)
                    .append("\" y2=\"").append(height).append("\" stroke=\"#eaeef2\"/>");
            b.append("<text x=\"").append(fmt(x + 2)).append("\" y=\"").append(TOP - 10).append("\" fill=\"#57606a\">+")
                    .append(Html.time(t)).append("</text>");
        }
    }

    private static String clip(String s) {
        return s.length() <= 26 ? s : s.substring(0, 25) + "…";
    }

    private static String fmt(double d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d);
    }
}
