package dev.runbook.report.html;

import static dev.runbook.report.html.Html.esc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The step graph as SVG: steps in layers left to right (a step sits one layer right of the
 * deepest step it needs), ordered within a layer by the mean position of what they need (fewer
 * crossing edges), each step with a bar of how it ended across the hosts.
 */
final class DagSvg {
    static final List<String> ORDER = List.of("failed", "unreachable", "in flight", "changed", "ok", "ignored", "skipped", "not started");
    private static final int W = 250;
    private static final int H = 56;
    private static final int GAP_X = 70;
    private static final int GAP_Y = 18;
    private static final int PAD = 10;

    /** Where each step is drawn: layer and row. */
    record Layout(Map<String, int[]> cells, int layers, int rows) {
    }

    private DagSvg() {
    }

    /** Layers by longest path from the steps that need nothing; needs outside {@code steps} are ignored. */
    static Layout layout(List<String> steps, Map<String, List<String>> needs) {
        Map<String, Integer> layer = new LinkedHashMap<>();
        for (String s : steps) {
            depth(s, steps, needs, layer, new java.util.HashSet<>());
        }
        int layers = layer.values().stream().mapToInt(i -> i).max().orElse(-1) + 1;
        List<List<String>> byLayer = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            byLayer.add(new ArrayList<>());
        }
        steps.forEach(s -> byLayer.get(layer.get(s)).add(s));
        Map<String, Double> pos = new HashMap<>();
        for (List<String> col : byLayer) {
            if (!pos.isEmpty()) {
                col.sort(java.util.Comparator.comparingDouble(s -> needs.getOrDefault(s, List.of()).stream()
                        .filter(pos::containsKey).mapToDouble(pos::get).average().orElse(Double.MAX_VALUE)));
            }
            for (int r = 0; r < col.size(); r++) {
                pos.put(col.get(r), (double) r);
            }
        }
        Map<String, int[]> cells = new LinkedHashMap<>();
        int rows = 0;
        for (int l = 0; l < layers; l++) {
            List<String> col = byLayer.get(l);
            rows = Math.max(rows, col.size());
            for (int r = 0; r < col.size(); r++) {
                cells.put(col.get(r), new int[] {l, r});
            }
        }
        return new Layout(cells, layers, rows);
    }

    private static int depth(String s, List<String> steps, Map<String, List<String>> needs, Map<String, Integer> memo,
                             java.util.Set<String> visiting) {
        Integer known = memo.get(s);
        if (known != null) {
            return known;
        }
        int d = 0;
        if (visiting.add(s)) {
            for (String n : needs.getOrDefault(s, List.of())) {
                if (steps.contains(n) && !n.equals(s)) {
                    d = Math.max(d, depth(n, steps, needs, memo, visiting) + 1);
                }
            }
            visiting.remove(s);
        }
        memo.put(s, d);
        return d;
    }

    /** The first status of {@code order} that {@code count} has, or "not started". */
    static String worst(List<String> order, Map<String, Integer> count) {
        return order.stream().filter(st -> count.getOrDefault(st, 0) > 0).findFirst().orElse("not started");
    }

    /**
     * The graph, each step showing how it ended (or would end) on the hosts: {@code counts} per
     * step, status to number of hosts, drawn in the order of {@code order}.
     */
    static String svg(List<String> steps, Map<String, List<String>> needs, Map<String, Map<String, Integer>> counts,
                      List<String> order) {
        Layout lay = layout(steps, needs);
        int width = PAD * 2 + lay.layers() * W + Math.max(0, lay.layers() - 1) * GAP_X;
        int height = PAD * 2 + lay.rows() * H + Math.max(0, lay.rows() - 1) * GAP_Y;
        StringBuilder b = new StringBuilder();
        b.append("<svg id=\"dag\" role=\"img\" aria-label=\"step graph\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\">");
        b.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
                + "orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#57606a\"/></marker></defs>");
        for (String s : steps) {
            int[] to = lay.cells().get(s);
            for (String n : needs.getOrDefault(s, List.of())) {
                int[] from = lay.cells().get(n);
                if (from == null || n.equals(s)) {
                    continue;
                }
                int x1 = x(from) + W;
                int y1 = y(from) + H / 2;
                int x2 = x(to);
                int y2 = y(to) + H / 2;
                int mid = (x1 + x2) / 2;
                b.append("<path class=\"edge\" d=\"M").append(x1).append(',').append(y1).append(" C").append(mid).append(',')
                        .append(y1).append(' ').append(mid).append(',').append(y2).append(' ').append(x2).append(',').append(y2)
                        .append("\" fill=\"none\" stroke=\"#57606a\" stroke-width=\"1.4\" marker-end=\"url(#arrow)\"/>");
            }
        }
        for (String s : steps) {
            node(b, s, lay.cells().get(s), counts.getOrDefault(s, Map.of()), order);
        }
        return b.append("</svg>").toString();
    }

    private static void node(StringBuilder b, String step, int[] cell, Map<String, Integer> count, List<String> order) {
        int x = x(cell);
        int y = y(cell);
        String worst = worst(order, count);
        b.append("<g class=\"step ").append(Html.cls(worst)).append("\" data-step=\"").append(esc(step)).append("\">");
        b.append("<title>").append(esc(step)).append(": ").append(esc(describe(order, count))).append("</title>");
        b.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(W).append("\" height=\"")
                .append(H).append("\" rx=\"6\" fill=\"#fff\" stroke=\"var(--c)\" stroke-width=\"2\"/>");
        b.append("<text x=\"").append(x + 8).append("\" y=\"").append(y + 18).append("\" font-weight=\"600\">")
                .append(esc(Html.clip(step, 34))).append("</text>");
        b.append("<text x=\"").append(x + 8).append("\" y=\"").append(y + 34).append("\" fill=\"#57606a\">")
                .append(esc(Html.clip(describe(order, count), 40))).append("</text>");
        int total = count.values().stream().mapToInt(i -> i).sum();
        double bx = x + 8;
        double bw = W - 16;
        for (String st : order) {
            int n = count.getOrDefault(st, 0);
            if (n > 0 && total > 0) {
                double w = bw * n / total;
                b.append("<rect class=\"").append(Html.cls(st)).append("\" x=\"").append(Html.fmt(bx)).append("\" y=\"")
                        .append(y + H - 14).append("\" width=\"").append(Html.fmt(w)).append("\" height=\"7\" fill=\"var(--c)\"/>");
                bx += w;
            }
        }
        b.append("</g>");
    }

    static String describe(List<String> order, Map<String, Integer> count) {
        List<String> parts = new ArrayList<>();
        for (String st : order) {
            int n = count.getOrDefault(st, 0);
            if (n > 0) {
                parts.add(st + " " + n);
            }
        }
        return parts.isEmpty() ? "no host" : String.join(" · ", parts);
    }

    private static int x(int[] cell) {
        return PAD + cell[0] * (W + GAP_X);
    }

    private static int y(int[] cell) {
        return PAD + cell[1] * (H + GAP_Y);
    }
}
