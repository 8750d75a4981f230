package dev.runbook.report.html;

import static dev.runbook.report.html.Html.esc;

import dev.runbook.state.RunStore;
import dev.runbook.state.RunView;
import java.util.ArrayList;
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
    private final RunFacts facts;
    private final Comparison comparison;

    private HtmlReport(RunFacts facts, Comparison comparison) {
        this.facts = facts;
        this.comparison = comparison;
    }

    /** The report of a run as its store keeps it. */
    public static HtmlReport of(RunView view, RunStore store) {
        return new HtmlReport(RunFacts.of(view, store), null);
    }

    /** The report of a run, marking what changed since run {@code other} (outcomes, markedly different durations). */
    public static HtmlReport compared(RunView view, RunView other, RunStore store) {
        RunFacts now = RunFacts.of(view, store);
        return new HtmlReport(now, Comparison.of(now, RunFacts.of(other, store)));
    }

    /** The run's exit status as `runbook runs` words it, or that no end was recorded. */
    private String status() {
        RunView v = facts.view();
        return v.end() == null ? "stopped (no end recorded)"
                : dev.runbook.state.History.status(((Number) v.end().get("exit")).intValue()) + " (exit " + v.end().get("exit") + ")";
    }

    public String html() {
        RunView v = facts.view();
        StringBuilder b = new StringBuilder(256 * 1024);
        Page.open(b, v.name() + " · run " + v.id());
        List<String> meta = new ArrayList<>(List.of(v.origin().runbook(), v.startedBy(),
                "apply" + (v.attempts() > 1 ? " (" + v.attempts() + " attempts)" : ""), "started " + Page.when(v.started()),
                Html.time(v.duration())));
        if (comparison != null) {
            meta.add("compared with run " + comparison.otherId());
        }
        Page.header(b, new Page.Header(v.name(), "run " + v.id(), meta, status(), facts.hostCounts()));
        Blocks blocks = new Blocks();
        failures(b, blocks);
        if (comparison != null) {
            comparison.section(b);
        }
        b.append("<section id=\"graph\"><h2>Step graph</h2>").append(Page.legend(DagSvg.ORDER)).append("<div class=\"scroll\">")
                .append(DagSvg.svg(v.steps(), v.needs(), facts.stepCounts(), DagSvg.ORDER)).append("</div></section>\n");
        b.append("<section id=\"time\"><h2>Timeline</h2>").append(TimelineSvg.html(facts)).append("</section>\n");
        RunHosts.render(b, facts.hosts(), comparison == null ? Marks.NONE : comparison, blocks);
        return b.append(Page.close()).toString();
    }

    private void failures(StringBuilder b, Blocks blocks) {
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
            if (!t.output().isEmpty()) {
                Blocks.Shown shown = blocks.output(t.output(), t.host(), "output");
                b.append(shown.block() != null ? shown.block() : "<p>" + shown.link() + "</p>");
            }
            b.append("</div>");
        }
        b.append("</section>\n");
    }

    /** How many hosts ended each way, for messages. */
    public Map<String, Integer> hostCounts() {
        return facts.hostCounts();
    }
}
