package dev.runbook.report.html;

import static dev.runbook.report.html.Html.esc;

import dev.runbook.report.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan's hosts, as the screen prints them: hosts with the same plan together, then per step
 * one line per task — a symbol ({@code +} create, {@code ~} change, {@code -} remove,
 * {@code =} unchanged, {@code ?} unknown, {@code !} would fail, {@code ·} skipped), the task and
 * what and why — with each predicted diff under its task.
 */
final class PlanHosts {
    /** With more groups of hosts than this, groups without changes or failures start closed, and so do their diffs. */
    static final int OPEN_ALL = 20;
    /** Host names a group's title lists before "and N more" (the full list is inside). */
    private static final int NAMED = 6;

    private PlanHosts() {
    }

    static void render(StringBuilder b, Plan plan) {
        Blocks blocks = new Blocks();
        Map<String, List<Plan.HostPlan>> groups = new LinkedHashMap<>();
        for (Plan.HostPlan h : plan.hosts().values()) {
            groups.computeIfAbsent(key(h), k -> new ArrayList<>()).add(h);
        }
        boolean open = groups.size() <= OPEN_ALL;
        b.append("<section id=\"hosts\" class=\"plan\"><h2>Hosts</h2>");
        for (List<Plan.HostPlan> group : groups.values()) {
            Plan.HostPlan first = group.get(0);
            String outcome = PlanReport.outcome(first);
            boolean quiet = "unchanged".equals(outcome) || "skipped".equals(outcome);
            b.append("<details class=\"host\" data-host=\"").append(esc(first.host())).append('"')
                    .append(open || !quiet ? " open" : "").append("><summary>").append(esc(title(group)))
                    .append(" <span class=\"badge ").append(Html.cls(outcome)).append("\">").append(outcome).append("</span></summary>");
            if (group.size() > 1) {
                b.append("<div class=\"step\">").append(group.size()).append(" hosts, same plan:<span class=\"r\">");
                for (int i = 0; i < group.size(); i++) {
                    b.append(i == 0 ? "" : ", ").append("<span data-host=\"").append(esc(group.get(i).host())).append("\">")
                            .append(esc(group.get(i).host())).append("</span>");
                }
                b.append("</span></div>");
            }
            body(b, first, open, blocks);
            b.append("</details>\n");
        }
        b.append("</section>");
    }

    private static String title(List<Plan.HostPlan> group) {
        List<String> names = group.stream().map(Plan.HostPlan::host).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        String shown = String.join(", ", names.subList(0, Math.min(NAMED, names.size())));
        return shown + (names.size() > NAMED ? " and " + (names.size() - NAMED) + " more" : "") + " (" + names.size()
                + " hosts, same plan)";
    }

    private static void body(StringBuilder b, Plan.HostPlan h, boolean openDiffs, Blocks blocks) {
        if (h.unreachable() != null) {
            b.append("<div class=\"step unreachable\">unreachable<span class=\"r\">").append(esc(h.unreachable()))
                    .append("</span></div>");
        }
        for (Plan.StepPlan s : h.steps()) {
            String o = PlanReport.outcome(s);
            b.append("<div class=\"step ").append(Html.cls(o)).append("\" data-step=\"").append(esc(s.step())).append("\">")
                    .append(esc(s.step())).append("<span class=\"s\">").append(o).append("</span>");
            if (s.reason() != null && !s.reason().isEmpty()) {
                b.append("<span class=\"r\">").append(esc(s.reason()))
                        .append("</span>");
            }
            b.append("</div>");
            boolean inPre = false;
            for (Plan.TaskPlan t : Plan.shown(s)) {
                if (t.index() < 0) {
                    continue; // the step's own line: said in the step's header above
                }
                if (!inPre) {
                    b.append("<pre class=\"tasks\">");
                    inPre = true;
                }
                Blocks.Shown diff = t.diff() == null || t.diff().isBlank() ? null : blocks.diff(t.diff(), h.host());
                line(b, t, diff == null || diff.link() == null ? "" : diff.link());
                if (diff != null && diff.block() != null) {
                    b.append("</pre><details class=\"out\"").append(openDiffs ? " open" : "").append("><summary>diff · ")
                            .append(esc(t.task())).append("</summary>").append(diff.block()).append("</details>");
                    inPre = false;
                }
            }
            if (inPre) {
                b.append("</pre>");
            }
        }
    }

    private static void line(StringBuilder b, Plan.TaskPlan t, String link) {
        String cls = switch (t.kind()) {
            case "+", "~", "-" -> "changed";
            case "?" -> "unknown";
            case "failed", "ignored" -> "failed";
            case "=" -> "ok";
            default -> "skipped";
        };
        String sym = switch (t.kind()) {
            case "+", "~", "-", "?", "=" -> t.kind();
            case "failed", "ignored" -> "!";
            default -> "·";
        };
        b.append("<b class=\"").append(cls).append("\">").append(esc(sym)).append("</b> ").append(esc(t.task()));
        String text = "ignored".equals(t.kind()) ? "ignored: " + t.summary() : t.summary();
        if (text != null && !text.isEmpty()) {
            b.append(" — ").append(esc(Html.firstLine(text)));
        }
        b.append(link).append('\n');
    }

    /** Hosts whose plans read the same (but for the host's name) are shown once. */
    private static String key(Plan.HostPlan h) {
        StringBuilder k = new StringBuilder(String.valueOf(h.unreachable()));
        for (Plan.StepPlan s : h.steps()) {
            k.append('\u0001').append(s.step()).append('\u0002').append(s.status()).append('\u0002').append(s.reason());
            for (Plan.TaskPlan t : s.tasks()) {
                k.append('\u0003').append(t.index()).append(t.task()).append('\u0002').append(t.kind()).append('\u0002')
                        .append(t.summary()).append('\u0002').append(t.diff());
            }
        }
        return k.toString();
    }
}
