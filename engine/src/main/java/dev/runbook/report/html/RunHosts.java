package dev.runbook.report.html;

import static dev.runbook.report.html.Html.esc;

import java.time.Duration;
import java.util.List;

/**
 * Every host of a run, each a {@code <details>}: per step a line, then its tasks as aligned text
 * lines (status, duration, task, message) the way {@code runbook show} prints them, with a task's
 * diff and output a click away. Text lines rather than a table row per task keep a report of
 * 1,000 hosts × 50 tasks small for the browser (a few elements per step, not per task).
 */
final class RunHosts {
    /** With more hosts than this, hosts that ended ok or changed start closed. */
    static final int OPEN_ALL = 20;
    private static final int STATUS = 11;
    private static final int TIME = 7;

    private RunHosts() {
    }

    static void render(StringBuilder b, List<RunFacts.Host> hosts, Marks marks, Blocks blocks) {
        b.append("<section id=\"hosts\"><h2>Hosts</h2>");
        boolean open = hosts.size() <= OPEN_ALL;
        for (RunFacts.Host h : hosts) {
            boolean bad = !"ok".equals(h.status()) && !"changed".equals(h.status());
            b.append("<details class=\"host\" data-host=\"").append(esc(h.host())).append('"').append(open || bad ? " open" : "")
                    .append("><summary>").append(esc(h.host())).append(" <span class=\"badge ").append(Html.cls(h.status()))
                    .append("\">").append(esc(h.status())).append("</span>").append(marks.host(h)).append("<span class=\"sum\">")
                    .append(esc(summary(h))).append("</span></summary>");
            if (h.unreachable() != null) {
                b.append("<div class=\"step unreachable\">unreachable<span class=\"r\">").append(esc(h.unreachable()))
                        .append("</span></div>");
            }
            for (RunFacts.Step s : h.steps()) {
                step(b, s, marks, blocks);
            }
            b.append("</details>\n");
        }
        b.append("</section>");
    }

    /** "50 tasks · 17 changed · 1 failed · 3m07s". */
    static String summary(RunFacts.Host h) {
        long tasks = h.steps().stream().flatMap(s -> s.tasks().stream()).filter(t -> t.item() == null).count();
        long changed = h.steps().stream().flatMap(s -> s.tasks().stream()).filter(t -> t.item() == null && t.changed()).count();
        long failed = h.steps().stream().flatMap(s -> s.tasks().stream()).filter(t -> t.item() == null && t.bad()).count();
        StringBuilder s = new StringBuilder().append(tasks).append(tasks == 1 ? " task" : " tasks");
        if (changed > 0) {
            s.append(" · ").append(changed).append(" changed");
        }
        if (failed > 0) {
            s.append(" · ").append(failed).append(" failed");
        }
        Duration d = h.elapsed();
        return d == null ? s.toString() : s.append(" · ").append(Html.time(d)).toString();
    }

    private static void step(StringBuilder b, RunFacts.Step s, Marks marks, Blocks blocks) {
        long ms = s.start() != null && s.end() != null ? Duration.between(s.start(), s.end()).toMillis() : -1;
        b.append("<div class=\"step ").append(Html.cls(s.status())).append("\" data-step=\"").append(esc(s.step())).append("\">")
                .append(esc(s.step())).append("<span class=\"s\">").append(esc(s.status())).append("</span>")
                .append(ms < 0 ? "" : "<span class=\"r\">" + Html.time(ms) + "</span>");
        if (!s.reason().isEmpty()) {
            b.append("<span class=\"r\">").append(esc(s.reason())).append("</span>");
        }
        b.append("</div>");
        boolean inPre = false;
        for (RunFacts.Task t : s.tasks()) {
            Blocks.Shown diff = t.diff() == null || t.diff().isEmpty() ? null : blocks.diff(t.diff(), t.host());
            String label = "output (" + t.output().size() + (t.output().size() == 1 ? " line)" : " lines)");
            Blocks.Shown output = t.output().isEmpty() ? null : blocks.output(t.output(), t.host(), label);
            if (!inPre) {
                b.append("<pre class=\"tasks\">");
                inPre = true;
            }
            line(b, t, marks, diff, output);
            boolean diffBlock = diff != null && diff.block() != null;
            boolean outputBlock = output != null && output.block() != null;
            if (diffBlock || outputBlock) {
                b.append("</pre>");
                inPre = false;
                if (diffBlock) {
                    b.append("<details class=\"out\"><summary>diff · ").append(esc(t.task())).append("</summary>").append(diff.block())
                            .append("</details>");
                }
                if (outputBlock) {
                    b.append("<details class=\"out\"").append(t.bad() ? " open" : "").append("><summary>").append(label).append(" · ")
                            .append(esc(t.task())).append("</summary>").append(output.block()).append("</details>");
                }
            }
        }
        if (inPre) {
            b.append("</pre>");
        }
    }

    /** One task: "changed      2ms  write the config — changed /etc/shop/config.php", loop items indented. */
    private static void line(StringBuilder b, RunFacts.Task t, Marks marks, Blocks.Shown diff, Blocks.Shown output) {
        boolean item = t.item() != null;
        b.append(item ? "    " : "");
        String status = t.status();
        if ("ok".equals(status)) {
            b.append(status); // the common case stays plain text: one element less per task
        } else {
            b.append("<b class=\"").append(Html.cls(status)).append("\">").append(esc(status)).append("</b>");
        }
        b.append(" ".repeat(Math.max(1, STATUS + 1 - status.length())));
        String time = Html.time(t.durationMs());
        b.append(" ".repeat(Math.max(0, TIME - time.length()))).append(time).append("  ")
                .append(esc(item ? "item " + t.item() : t.task()));
        String msg = Html.firstLine(t.msg());
        if (!msg.isEmpty()) {
            b.append(" — ").append(esc(msg));
        }
        b.append(marks.task(t));
        for (Blocks.Shown shown : new Blocks.Shown[] {diff, output}) {
            if (shown != null && shown.link() != null) {
                b.append(shown.link());
            }
        }
        b.append('\n');
    }
}
