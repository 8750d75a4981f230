package dev.runbook.cli;

import dev.runbook.plan.StepGraph;
import dev.runbook.report.Plan;
import dev.runbook.report.html.PlanReport;
import dev.runbook.state.LockHolder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** `plan --report FILE` and `apply --dry-run --report FILE`: the plan the screen printed, as one HTML file. */
final class PlanReportFile {
    private PlanReportFile() {
    }

    static Path write(Plan plan, StepGraph graph, String runbookFile, Instant started, Path file) {
        Set<String> planned = plan.hosts().values().stream().flatMap(h -> h.steps().stream()).map(Plan.StepPlan::step)
                .collect(Collectors.toSet());
        List<String> steps = graph.order().stream().filter(s -> planned.isEmpty() || planned.contains(s)).toList();
        Map<String, List<String>> needs = new LinkedHashMap<>();
        steps.forEach(s -> needs.put(s, graph.needs(s)));
        String who = System.getProperty("user.name") + "@" + LockHolder.me("").machine();
        PlanReport.About about = new PlanReport.About(runbookFile, who, started, Duration.between(started, Instant.now()), steps, needs);
        return HtmlReportFile.write(new PlanReport(plan, about).html(), file);
    }
}
