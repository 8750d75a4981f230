package dev.runbook.report.html;

import static dev.runbook.report.html.Html.esc;

import dev.runbook.report.Plan;
import dev.runbook.report.PlanPrinter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan as one self-contained HTML file: the summary line the screen prints, what would fail
 * first, the step graph coloured by predicted outcome, and per host (hosts with the same plan
 * together, as on screen) every predicted change with its diff, and every unknown with why.
 * It is drawn from the {@link Plan} the screen prints, gathered from the run's events, where
 * secrets are masked already: no value is rendered again from the runbook or the inventory.
 */
public final class PlanReport {
    /** Predicted outcomes, worst first: of a step on a host, and of a host. */
    static final List<String> ORDER = List.of("would fail", "unreachable", "would change", "unknown", "unchanged", "skipped",
            "not started");

    /** What the plan does not say itself: where and when it was made, the runbook's steps and their needs. */
    public record About(String file, String startedBy, Instant started, Duration took, List<String> steps,
                        Map<String, List<String>> needs) {
        public About {
            steps = List.copyOf(steps);
            needs = Map.copyOf(needs);
        }
    }

    private final Plan plan;
    private final About about;

    public PlanReport(Plan plan, About about) {
        this.plan = plan;
        this.about = about;
    }

    /** How a step would end on a host: the worst kind of the lines the plan shows for it. */
    static String outcome(Plan.StepPlan s) {
        if (s.tasks().stream().anyMatch(t -> "unreachable".equals(t.kind()))) {
            return "unreachable";
        }
        if ("skipped".equals(s.status()) && Plan.shown(s).isEmpty()) {
            return "skipped";
        }
        String worst = "unchanged";
        for (Plan.TaskPlan t : Plan.shown(s)) {
            String o = switch (t.kind()) {
                case "failed" -> "would fail";
                case "+", "~", "-" -> "would change";
                case "?" -> "unknown";
                case "skipped" -> "skipped";
                default -> "unchanged";
            };
            worst = ORDER.indexOf(o) < ORDER.indexOf(worst) ? o : worst;
        }
        if ("failed".equals(s.status())) {
            return "would fail";
        }
        boolean allSkipped = !Plan.shown(s).isEmpty() && Plan.shown(s).stream().allMatch(t -> "skipped".equals(t.kind()));
        return allSkipped ? "skipped" : worst;
    }

    /** How a host would end: unreachable, or the worst outcome of its steps. */
    static String outcome(Plan.HostPlan h) {
        if (h.unreachable() != null) {
            return "unreachable";
        }
        return h.steps().stream().map(PlanReport::outcome).filter(o -> !"skipped".equals(o))
                .min(java.util.Comparator.comparingInt(ORDER::indexOf)).orElse("unchanged");
    }

    public String html() {
        StringBuilder b = new StringBuilder(64 * 1024);
        Page.open(b, plan.runbook() + " · plan");
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String o : List.of("would change", "unknown", "unchanged", "would fail", "unreachable")) {
            counts.put(o, (int) plan.hosts().values().stream().filter(h -> outcome(h).equals(o)).count());
        }
        Page.header(b, new Page.Header(plan.runbook(), "plan", List.of(about.file(), about.startedBy(),
                "plan (read-only probes; nothing was changed)", "started " + Page.when(about.started()), Html.time(about.took())),
                PlanPrinter.summary(plan), counts));
        failures(b);
        b.append("<section id=\"graph\"><h2>Step graph</h2>").append(Page.legend(ORDER)).append("<div class=\"scroll\">")
                .append(DagSvg.svg(about.steps(), about.needs(), stepCounts(), ORDER)).append("</div></section>\n");
        PlanHosts.render(b, plan);
        return b.append(Page.close()).toString();
    }

    /** Per step, how many hosts would end it each way. */
    private Map<String, Map<String, Integer>> stepCounts() {
        Map<String, Map<String, Integer>> m = new LinkedHashMap<>();
        about.steps().forEach(s -> m.put(s, new LinkedHashMap<>()));
        for (Plan.HostPlan h : plan.hosts().values()) {
            for (String step : about.steps()) {
                String o = h.unreachable() != null ? "unreachable" : h.steps().stream().filter(s -> s.step().equals(step))
                        .findFirst().map(PlanReport::outcome).orElse("not started");
                m.get(step).merge(o, 1, Integer::sum);
            }
        }
        return m;
    }

    private void failures(StringBuilder b) {
        List<String> items = new ArrayList<>();
        for (Plan.HostPlan h : plan.hosts().values()) {
            if (h.unreachable() != null) {
                items.add("<div class=\"failure unreachable\"><div><b>" + esc(h.host()) + "</b> unreachable</div><div class=\"msg\">"
                        + esc(h.unreachable()) + "</div></div>");
            }
            for (Plan.StepPlan s : h.steps()) {
                for (Plan.TaskPlan t : Plan.shown(s)) {
                    if ("failed".equals(t.kind())) {
                        items.add("<div class=\"failure\"><div><b>" + esc(h.host()) + "</b> · " + esc(s.step())
                                + (t.index() < 0 ? "" : " › " + esc(t.task())) + " <span class=\"badge failed\">would fail</span></div>"
                                + "<div class=\"msg\">" + esc(t.summary()) + "</div></div>");
                    }
                }
            }
        }
        if (!items.isEmpty()) {
            b.append("<section id=\"failures\"><h2>Would fail</h2>");
            items.forEach(b::append);
            b.append("</section>\n");
        }
    }
}
