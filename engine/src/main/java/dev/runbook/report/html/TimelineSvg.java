package dev.runbook.report.html;

import static dev.runbook.report.html.Html.esc;
import static dev.runbook.report.html.Html.fmt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The run's timeline (a Gantt chart) as SVG, zoomable from the whole fleet down to one host
 * without script: first one row per step across all hosts (from the first host that began it to
 * the last that ended it); then, for up to {@link #DIRECT} hosts, one row per host with a bar per
 * step; beyond that, one row per group of up to {@link #GROUP} hosts (each step from the first of
 * them that began it to the last that ended it, in the colour of the worst outcome among them),
 * each a {@code <details>} that opens onto the group's rows per host. All charts share one time
 * axis, so a bar stands at the same place at every level.
 */
final class TimelineSvg {
    static final int DIRECT = 50;
    static final int GROUP = 50;
    private static final int LABEL = 240;
    private static final int CHART = 900;
    private static final int WIDTH = LABEL + CHART + 44;
    private static final int ROW = 20;
    private static final int TOP = 24;

    private record Bar(String status, Instant start, Instant end, String title) {
    }

    /** A row; {@code title} is the row's tooltip when its bars have none of their own. */
    private record Row(String label, String kind, String title, List<Bar> bars) {
    }

    /** Where time {@code t} stands, and the axis' ticks. */
    private record Scale(Instant t0, long span, long tick) {
        double x(Instant t) {
            return LABEL + CHART * (double) Duration.between(t0, t).toMillis() / span;
        }

        double w(Instant a, Instant b) {
            return Math.max(1.5, CHART * (double) Duration.between(a, b).toMillis() / span);
        }
    }

    private TimelineSvg() {
    }

    static String html(RunFacts facts) {
        Instant t0 = facts.view().started();
        Instant t1 = facts.hosts().stream().flatMap(h -> h.steps().stream()).map(RunFacts.Step::end).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(t0);
        long span = Math.max(1, Duration.between(t0, t1).toMillis());
        Scale scale = new Scale(t0, span, tick(span));
        List<Row> rows = new ArrayList<>();
        Map<String, Map<String, Integer>> counts = facts.stepCounts();
        for (String step : facts.view().steps()) {
            rows.add(stepRow(facts.hosts(), step, counts.getOrDefault(step, Map.of()), step, "step"));
        }
        List<RunFacts.Host> hosts = facts.hosts();
        boolean direct = hosts.size() <= DIRECT;
        if (direct) {
            hosts.forEach(h -> rows.add(hostRow(h)));
        }
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"scroll\">");
        chart(b, "timeline", rows, scale, true);
        if (!direct) {
            for (int from = 0; from < hosts.size(); from += GROUP) {
                group(b, facts, hosts.subList(from, Math.min(hosts.size(), from + GROUP)), from, scale);
            }
        }
        b.append("</div>");
        if (!direct) {
            b.append("<p class=\"note\">").append(hosts.size()).append(" hosts: above, one row per step across all hosts; ")
                    .append("below it, one row per group of up to ").append(GROUP)
                    .append(" hosts — open a group to see its hosts one row each.</p>");
        }
        return b.toString();
    }

    private static void group(StringBuilder b, RunFacts facts, List<RunFacts.Host> hosts, int from, Scale scale) {
        String label = "hosts " + (from + 1) + "–" + (from + hosts.size());
        Map<String, Integer> byStatus = new java.util.LinkedHashMap<>();
        hosts.forEach(h -> byStatus.merge(h.status(), 1, Integer::sum));
        List<Bar> bars = new ArrayList<>();
        for (String step : facts.view().steps()) {
            Map<String, Integer> counts = new java.util.LinkedHashMap<>();
            hosts.forEach(h -> h.steps().stream().filter(s -> s.step().equals(step)).forEach(s -> counts.merge(s.status(), 1, Integer::sum)));
            bars.addAll(stepRow(hosts, step, counts, label + " · " + step, "group").bars());
        }
        String title = hosts.get(0).host() + " … " + hosts.get(hosts.size() - 1).host() + ": " + describe(byStatus);
        b.append("<details class=\"tl\" data-group=\"").append(from + 1).append("\"><summary>");
        chart(b, null, List.of(new Row(label + " (" + describe(byStatus) + ")", "group", title, bars)), scale, false);
        b.append("</summary>");
        chart(b, null, hosts.stream().map(TimelineSvg::hostRow).toList(), scale, false);
        b.append("</details>");
    }

    private static String describe(Map<String, Integer> byStatus) {
        List<String> parts = new ArrayList<>();
        for (String s : List.of("failed", "unreachable", "changed", "ok")) {
            if (byStatus.getOrDefault(s, 0) > 0) {
                parts.add(s + " " + byStatus.get(s));
            }
        }
        return String.join(", ", parts);
    }

    private static Row hostRow(RunFacts.Host h) {
        List<Bar> bars = new ArrayList<>();
        List<String> said = new ArrayList<>();
        for (RunFacts.Step s : h.steps()) {
            if (s.start() != null && s.end() != null) {
                bars.add(new Bar(s.status(), s.start(), s.end(), null));
                said.add(s.step() + " " + s.status() + " " + Html.time(Duration.between(s.start(), s.end())));
            }
        }
        bars.sort(Comparator.comparing(Bar::start));
        String title = h.host() + " (" + h.status() + "): " + (said.isEmpty() ? "nothing ran" : String.join(" · ", said));
        return new Row(h.host(), "host", title, bars);
    }

    /** One bar for {@code step} across {@code hosts}, coloured by the worst of {@code counts}. */
    private static Row stepRow(List<RunFacts.Host> hosts, String step, Map<String, Integer> counts, String label, String kind) {
        Instant start = null;
        Instant end = null;
        for (RunFacts.Host h : hosts) {
            for (RunFacts.Step s : h.steps()) {
                if (s.step().equals(step) && s.start() != null && s.end() != null) {
                    start = start == null || s.start().isBefore(start) ? s.start() : start;
                    end = end == null || s.end().isAfter(end) ? s.end() : end;
                }
            }
        }
        String worst = DagSvg.worst(DagSvg.ORDER, counts);
        List<Bar> bars = start == null ? List.of() : List.of(new Bar(worst, start, Objects.requireNonNull(end),
                label + ": " + DagSvg.describe(DagSvg.ORDER, counts) + " · " + Html.time(Duration.between(start, end))));
        return new Row(step, kind, null, bars);
    }

    private static void chart(StringBuilder b, String id, List<Row> rows, Scale scale, boolean axis) {
        int top = axis ? TOP : 0;
        int height = top + rows.size() * ROW + (axis ? 4 : 0);
        b.append("<svg").append(id == null ? "" : " id=\"" + id + "\"").append(" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\">");
        for (long t = 0; t <= scale.span(); t += scale.tick()) {
            String x = fmt(LABEL + CHART * (double) t / scale.span());
            b.append("<path d=\"M").append(x).append(',').append(axis ? top - 6 : 0).append("V").append(height)
                    .append("\" stroke=\"#eaeef2\"/>");
            if (axis) {
                b.append("<text x=\"").append(x).append("\" dx=\"2\" y=\"").append(top - 10).append("\" fill=\"#57606a\">+")
                        .append(Html.time(t)).append("</text>");
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            row(b, rows.get(i), top + i * ROW, scale, axis && i > 0 && "host".equals(rows.get(i).kind())
                    && !"host".equals(rows.get(i - 1).kind()));
        }
        b.append("</svg>");
    }

    private static void row(StringBuilder b, Row r, int y, Scale scale, boolean rule) {
        if (rule) {
            b.append("<path d=\"M0,").append(y).append("H").append(LABEL + CHART).append("\" stroke=\"#8c959f\"/>");
        }
        b.append("<g class=\"row ").append(r.kind()).append("\" data-row=\"").append(esc(r.label())).append("\">");
        if (r.title() != null) {
            b.append("<title>").append(esc(r.title())).append("</title>");
        }
        boolean group = "group".equals(r.kind());
        if (group) { // the group's disclosure triangle: which one shows follows the <details>' state
            b.append("<text class=\"tw-c\" x=\"4\" y=\"").append(y + 14).append("\">▸</text><text class=\"tw-o\" x=\"4\" y=\"")
                    .append(y + 14).append("\">▾</text>");
        }
        b.append("<text x=\"").append(group ? 16 : 4).append("\" y=\"").append(y + 14).append("\"")
                .append("host".equals(r.kind()) ? "" : " font-weight=\"600\"")
                .append('>').append(esc(Html.clip(r.label(), "group".equals(r.kind()) ? 40 : 34))).append("</text>");
        int[] lane = lanes(r.bars());
        int lanes = java.util.Arrays.stream(lane).max().orElse(0) + 1;
        double h = (ROW - 6.0) / lanes;
        for (int j = 0; j < r.bars().size(); j++) {
            Bar bar = r.bars().get(j);
            b.append("<rect class=\"").append(Html.cls(bar.status())).append("\" x=\"").append(fmt(scale.x(bar.start())))
                    .append("\" y=\"").append(fmt(y + 3 + lane[j] * h)).append("\" width=\"").append(fmt(scale.w(bar.start(), bar.end())))
                    .append("\" height=\"").append(fmt(h)).append("\" fill=\"var(--c)\"");
            if (bar.title() != null) {
                b.append("><title>").append(esc(bar.title())).append("</title></rect>");
            } else {
                b.append("/>");
            }
        }
        b.append("</g>");
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

    private static long tick(long span) {
        long[] steps = {100, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
            1_800_000, 3_600_000, 7_200_000, 21_600_000};
        for (long s : steps) {
            if (span / s <= 8) {
                return s;
            }
        }
        return steps[steps.length - 1];
    }
}
