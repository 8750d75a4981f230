package dev.runbook.report.html;

import static dev.runbook.report.html.Html.esc;

import dev.runbook.state.RunStore;
import dev.runbook.state.RunView;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * A run as one self-contained HTML file: header, failures first, the step graph, the timeline
 * and every host's tasks. Everything is inline (style and SVG, no script, no external resource),
 * so the file opens offline and reads without JavaScript. It is built from the journal and the
 * output files only, which hold what the screen showed: secrets are masked there already and no
 * value is rendered again from anywhere else.
 */
public final class HtmlReport {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private final RunFacts facts;

    private HtmlReport(RunFacts facts) {
        this.facts = facts;
    }

    /** The report of a run as its store keeps it. */
    public static HtmlReport of(RunView view, RunStore store) {
        return new HtmlReport(RunFacts.of(view, store));
    }

    /** The run's exit status as `runbook runs` words it, or that no end was recorded. */
    private String status() {
        RunView v = facts.view();
        return v.end() == null ? "stopped (no end recorded)" : dev.runbook.state.History.status(((Number) v.end().get("exit")).intValue());
    }

    public String html() {
        RunView v = facts.view();
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>").append(esc(v.name())).append(" · run ").append(esc(v.id())).append("</title><style>")
                .append(Html.CSS).append("</style></head><body>\n");
        header(b);
        b.append("<main>\n");
        failures(b);
        b.append("<section id=\"graph\"><h2>Step graph</h2>").append(legend()).append("<div class=\"scroll\">")
                .append(DagSvg.svg(v.steps(), v.needs(), facts.stepCounts())).append("</div></section>\n");
        b.append("<section id=\"time\"><h2>Timeline</h2><div class=\"scroll\">").append(TimelineSvg.svg(facts))
                .append("</div></section>\n");
        hosts(b);
        return b.append("</main></body></html>\n").toString();
    }

    private void header(StringBuilder b) {
        RunView v = facts.view();
        String exit = v.end() == null ? "" : " (exit " + v.end().get("exit") + ")";
        b.append("<header><h1>").append(esc(v.name())).append(" <span class=\"meta\">run ").append(esc(v.id()))
                .append("</span></h1><div class=\"meta\" id=\"run-meta\">").append(esc(v.origin().runbook())).append(" · ")
                .append(esc(v.startedBy())).append(" · apply").append(v.attempts() > 1 ? " (" + v.attempts() + " attempts)" : "")
                .append(" · started ").append(WHEN.format(v.started())).append(" UTC · ").append(Html.time(v.duration()))
                .append(" · <b id=\"run-status\">").append(esc(status())).append(esc(exit)).append("</b></div>")
                .append("<div class=\"counts\" id=\"host-counts\">");
        facts.hostCounts().forEach((status, n) -> b.append("<span class=\"").append(status).append("\">").append(status)
                .append(' ').append(n).append("</span>"));
        b.append("</div></header>\n");
    }

    private void failures(StringBuilder b) {
        List<RunFacts.Task> failed = facts.failures();
        List<RunFacts.Host> unreachable = facts.hosts().stream().filter(h -> h.unreachable() != null).toList();
        if (failed.isEmpty() && unreachable.isEmpty()) {
            return;
        }
        b.append("<section id=\"failures\"><h2>Failures</h2>");
        for (RunFacts.Host h : unreachable) {
            b.append("<div class=\"failure unreachable\"><div><b>").append(esc(h.host())).append("</b> unreachable</div>")
                    .append("<div class=\"msg\">").append(esc(h.unreachable())).append("</div></div>");
        }
        for (RunFacts.Task t : failed) {
            if ("unreachable".equals(t.status()) && unreachable.stream().anyMatch(h -> h.host().equals(t.host()))) {
                continue; // said once, above
            }
            b.append("<div class=\"failure ").append(Html.cls(t.status())).append("\"><div><b>").append(esc(t.host()))
                    .append("</b> · ").append(esc(t.step())).append(" › ").append(esc(t.task())).append(" <span class=\"badge ")
                    .append(Html.cls(t.status())).append("\">").append(esc(t.status())).append("</span> ")
                    .append(Html.time(t.durationMs())).append("</div><div class=\"msg\">").append(esc(t.msg())).append("</div>");
            output(b, t.output());
            b.append("</div>");
        }
        b.append("</section>\n");
    }

    private void hosts(StringBuilder b) {
        b.append("<section id=\"hosts\"><h2>Hosts</h2>");
        boolean open = facts.hosts().size() <= 20;
        for (RunFacts.Host h : facts.hosts()) {
            b.append("<details class=\"host\" data-host=\"").append(esc(h.host())).append('"')
                    .append(open || !"ok".equals(h.status()) && !"changed".equals(h.status()) ? " open" : "")
                    .append("><summary>").append(esc(h.host())).append(" <span class=\"badge ").append(Html.cls(h.status()))
                    .append("\">").append(esc(h.status())).append("</span></summary><table><thead><tr><th>step / task</th>")
                    .append("<th>status</th><th>changed</th><th>duration</th><th>message</th></tr></thead><tbody>");
            for (RunFacts.Step s : h.steps()) {
                long ms = s.start() != null && s.end() != null ? java.time.Duration.between(s.start(), s.end()).toMillis() : -1;
                b.append("<tr class=\"step ").append(Html.cls(s.status())).append("\"><td>").append(esc(s.step()))
                        .append("<td class=s>").append(esc(s.status())).append("<td><td class=n>").append(ms < 0 ? "" : Html.time(ms)).append("<td>")
                        .append(esc(s.reason())).append("</td></tr>");
                for (RunFacts.Task t : s.tasks()) {
                    task(b, t);
                }
            }
            b.append("</tbody></table></details>\n");
        }
        b.append("</section>");
    }

    private static void task(StringBuilder b, RunFacts.Task t) {
        boolean item = t.item() != null;
        // compact rows (optional end tags left out): a report of 1,000 hosts x 50 tasks stays small
        b.append("<tr class=\"").append(item ? "item " : "").append(Html.cls(t.status())).append("\"><td>")
                .append(esc(item ? "item " + t.item() : t.task())).append("<td class=s>").append(esc(t.status())).append("<td>")
                .append(t.changed() ? "yes" : "").append("<td class=n>").append(Html.time(t.durationMs()))
                .append("<td>").append(esc(firstLine(t.msg())));
        if (t.diff() != null && !t.diff().isEmpty()) {
            b.append("<details><summary>diff</summary><pre>").append(esc(t.diff())).append("</pre></details>");
        }
        if (!t.output().isEmpty()) {
            b.append("<details").append(t.bad() ? " open" : "").append("><summary>output (").append(t.output().size())
                    .append(t.output().size() == 1 ? " line" : " lines").append(")</summary>");
            output(b, t.output());
            b.append("</details>");
        }
        b.append("</tr>");
    }

    private static void output(StringBuilder b, List<String> lines) {
        if (!lines.isEmpty()) {
            b.append("<pre>").append(esc(String.join("\n", lines))).append("</pre>");
        }
    }

    private static String legend() {
        StringBuilder b = new StringBuilder("<div class=\"legend\">");
        for (String st : DagSvg.ORDER) {
            b.append("<span class=\"").append(Html.cls(st)).append("\"><i></i>").append(st).append("</span>");
        }
        return b.append("</div>").toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }

    /** How many hosts ended each way, for messages. */
    public Map<String, Integer> hostCounts() {
        return facts.hostCounts();
    }
}
