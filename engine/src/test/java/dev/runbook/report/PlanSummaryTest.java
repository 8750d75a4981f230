package dev.runbook.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The summary line is computed from the same plan as the body and counts exactly the lines shown. */
class PlanSummaryTest {
    private static final Pattern LINE = Pattern.compile("^ {2,4}([+~\\-=?!·]) ");
    private static final Pattern GROUP = Pattern.compile("^.+ \\((\\d+) hosts, same plan\\)$");

    private static Plan.TaskPlan t(int i, String kind) {
        return new Plan.TaskPlan(i, "task " + i, kind, "what " + kind, null, "");
    }

    private static Plan.HostPlan web(String name, String unreachable) {
        return new Plan.HostPlan(name, unreachable, List.of(
                new Plan.StepPlan("files", "planned", null, List.of(t(0, "+"), t(1, "~"), t(2, "-"), t(3, "="), t(4, "?"))),
                new Plan.StepPlan("checks", "planned", null, List.of(t(0, "ignored"), t(1, "skipped"), t(2, "="))),
                new Plan.StepPlan("deploy", "failed", "task 'task 1' failed: boom", List.of(t(0, "="), t(1, "failed"))),
                new Plan.StepPlan("gated", "planned", "when: depends on 'x', which is known only when applying", List.of()),
                new Plan.StepPlan("broken", "failed", "rb.yml:9:11: undefined variable 'nosuch'", List.of()),
                new Plan.StepPlan("later", "skipped", "on-failure: no step it needs failed", List.of()),
                new Plan.StepPlan("follower", "failed", "run_once: ran on web1 (task 'x' failed)", List.of())));
    }

    @Test
    void theSummaryCountsEveryLineTheBodyShowsAndNothingElse() {
        Map<String, Plan.HostPlan> hosts = new LinkedHashMap<>();
        hosts.put("web1", web("web1", null));
        hosts.put("web2", web("web2", null));
        hosts.put("db1", new Plan.HostPlan("db1", "connection refused", List.of(
                new Plan.StepPlan("files", "unreachable", "host unreachable", List.of(t(0, "+"), t(1, "unreachable"))))));
        Plan plan = new Plan("rb", hosts);
        StringWriter s = new StringWriter();
        new PlanPrinter(new PrintWriter(s), false, false).print(plan);
        String out = s.toString();

        Map<String, Integer> shown = new TreeMap<>();
        int groupSize = 1;
        String summary = null;
        for (String line : out.lines().toList()) {
            Matcher g = GROUP.matcher(line);
            if (g.matches()) {
                groupSize = Integer.parseInt(g.group(1));
            } else if (!line.startsWith(" ") && !line.startsWith("Plan: ") && !line.isBlank()) {
                groupSize = 1;
            }
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                shown.merge(m.group(1), groupSize, Integer::sum);
            }
            if (line.startsWith("Plan: ")) {
                summary = line;
            }
        }
        assertThat(shown).isEqualTo(Map.of("+", 3, "~", 2, "-", 2, "=", 6, "?", 4, "!", 8, "·", 2));
        assertThat(summary).isEqualTo("Plan: 3 to create, 2 to change, 2 to remove, 4 unknown, 6 unchanged, "
                + "8 would fail (2 ignored), 2 skipped, 1 host unreachable, on 3 hosts.");
        assertThat(out).contains("""
                web1, web2 (2 hosts, same plan)
                  files
                    + task 0  — what +
                    ~ task 1  — what ~
                    - task 2  — what -
                    = task 3  — what =
                    ? task 4  — what ?
                  checks
                    ! task 0  — ignored: what ignored
                    · task 1  — what skipped
                    = task 2  — what =
                  deploy  (would fail: task 'task 1' failed: boom)
                    = task 0  — what =
                    ! task 1  — what failed
                  ? gated  — when: depends on 'x', which is known only when applying
                  ! broken  — rb.yml:9:11: undefined variable 'nosuch'
                  later: skipped — on-failure: no step it needs failed
                  ! follower  — run_once: ran on web1 (task 'x' failed)
                """);
        assertThat(plan.counts()).containsEntry("failed", 6).containsEntry("ignored", 2).doesNotContainKey("unreachable");
    }
}
