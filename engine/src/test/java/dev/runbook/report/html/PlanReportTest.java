package dev.runbook.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.report.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A plan's report: outcomes by step and host, hosts with the same plan together, the screen's summary line. */
class PlanReportTest {
    private static final PlanReport.About ABOUT = new PlanReport.About("/rb.yml", "ops@laptop", Instant.parse("2026-11-29T10:00:00Z"),
            Duration.ofMillis(1500), List.of("deploy", "verify"), Map.of("verify", List.of("deploy")));

    private static Plan.HostPlan host(String name, String configKind) {
        return new Plan.HostPlan(name, null, List.of(
                new Plan.StepPlan("deploy", "planned", null, List.of(
                        new Plan.TaskPlan(0, "write the config", configKind, "would update /etc/app.conf",
                                "=".equals(configKind) ? null : "--- a\n+++ b\n-x\n+y\n", ""),
                        new Plan.TaskPlan(1, "restart", "?", "would run: systemctl restart app", null, ""))),
                new Plan.StepPlan("verify", "planned", null, List.of(new Plan.TaskPlan(0, "check <it>", "=", "", null, "")))));
    }

    @Test
    void outcomesAreTheWorstOfWhatThePlanShows() {
        Plan.HostPlan h = host("web1", "~");
        assertThat(PlanReport.outcome(h.steps().get(0))).isEqualTo("would change");
        assertThat(PlanReport.outcome(h.steps().get(1))).isEqualTo("unchanged");
        assertThat(PlanReport.outcome(h)).isEqualTo("would change");
        assertThat(PlanReport.outcome(host("web2", "=").steps().get(0))).isEqualTo("unknown");
        Plan.StepPlan failing = new Plan.StepPlan("deploy", "failed", "task 'x' failed: no", List.of(
                new Plan.TaskPlan(0, "x", "failed", "no", null, "")));
        assertThat(PlanReport.outcome(failing)).isEqualTo("would fail");
        assertThat(PlanReport.outcome(new Plan.HostPlan("web3", "connection refused", List.of()))).isEqualTo("unreachable");
        assertThat(PlanReport.outcome(new Plan.StepPlan("s", "skipped", "needs 'deploy', which failed", List.of())))
                .isEqualTo("skipped");
    }

    @Test
    void hostsWithTheSamePlanAreOneGroupNamingEveryHost() {
        Map<String, Plan.HostPlan> hosts = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            String name = String.format("web%02d", i);
            hosts.put(name, host(name, i == 7 ? "=" : "~"));
        }
        Plan plan = new Plan("deploy-app", hosts);
        String html = new PlanReport(plan, ABOUT).html();
        assertThat(html).contains("<b id=\"run-status\">" + dev.runbook.report.PlanPrinter.summary(plan) + "</b>")
                .contains("<span class=\"changed\">would change 29</span><span class=\"unknown\">unknown 1</span>")
                .contains("web00, web01, web02, web03, web04, web05 and 23 more (29 hosts, same plan)")
                .contains("<span data-host=\"web29\">web29</span>")
                .contains("<summary>web07 <span class=\"badge unknown\">unknown</span></summary>")
                .contains("<title>deploy: would change 29 · unknown 1</title>")
                .contains("<b class=\"unknown\">?</b> restart — would run: systemctl restart app\n")
                .contains("<b class=\"ok\">=</b> check &lt;it&gt;\n")
                .doesNotContain("<it>");
        // the diff is shown once, under the group (the same change on 29 hosts)
        assertThat(html).containsOnlyOnce("<del>-x</del>");
    }
}
