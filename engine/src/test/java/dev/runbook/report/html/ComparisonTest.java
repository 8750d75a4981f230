package dev.runbook.report.html;

import static dev.runbook.report.html.FleetJournal.rec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.state.RunView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a compared report marks: outcomes that differ, durations that differ markedly, tasks matched by name. */
class ComparisonTest {
    @Test
    void markedlyMeansTwiceAsLongOrAsShortAndAtLeastASecondApart() {
        assertThat(Comparison.markedly(1000, 2000)).isTrue();
        assertThat(Comparison.markedly(2000, 1000)).isTrue();
        assertThat(Comparison.markedly(1000, 1999)).isFalse(); // less than twice
        assertThat(Comparison.markedly(20, 900)).isFalse(); // 45 times, but 880 ms apart
        assertThat(Comparison.markedly(0, 1000)).isTrue();
        assertThat(Comparison.markedly(10_000, 15_000)).isFalse(); // 5 s apart, but 1.5 times
    }

    @Test
    void tasksAreMatchedByStepNameAndOccurrenceSoAnAddedTaskShiftsNothing() {
        // before: [migrate (ok, 1 s), restart (ok, 100 ms)]; now: [backup (new), migrate (failed), restart (ok, 5 s)]
        RunFacts before = facts("r1", List.of(new T("migrate", "ok", 1000), new T("restart", "ok", 100)));
        RunFacts now = facts("r2", List.of(new T("backup", "changed", 50), new T("migrate", "failed", 1200),
                new T("restart", "ok", 5000)));
        Comparison c = Comparison.of(now, before);
        List<RunFacts.Task> tasks = now.hosts().get(0).steps().get(0).tasks();
        assertThat(c.task(tasks.get(0))).isEqualTo(" <mark>not run in r1</mark>");
        assertThat(c.task(tasks.get(1))).isEqualTo(" <mark>was ok</mark>");
        assertThat(c.task(tasks.get(2))).isEqualTo(" <mark>slower ×50.0, was 100ms</mark>");
        assertThat(c.host(now.hosts().get(0))).isEqualTo(" <mark>was ok</mark> <mark>slower ×5.7, was 1.1s</mark> <mark>3 tasks differ</mark>");
        StringBuilder b = new StringBuilder();
        c.section(b);
        assertThat(b.toString()).contains("1 host changed outcome, 2 tasks changed outcome, 1 task took markedly longer or shorter")
                .contains("<tr><td>web1<td>deploy › restart<td>100ms<td>5.0s</tr>");
    }

    @Test
    void aRunOfAnotherRunbookIsSaidSo() {
        RunFacts before = facts("r1", List.of(new T("migrate", "ok", 1000)));
        RunFacts now = facts("r2", List.of(new T("migrate", "ok", 1000)));
        List<Map<String, Object>> renamed = new ArrayList<>();
        records("r1", "legacy-upgrade", List.of(new T("migrate", "ok", 1000))).forEach(renamed::add);
        StringBuilder same = new StringBuilder();
        Comparison.of(now, before).section(same);
        assertThat(same.toString()).doesNotContain("another runbook").contains("0 hosts changed outcome, 0 tasks changed outcome");
        StringBuilder other = new StringBuilder();
        Comparison.of(now, RunFacts.of(RunView.of("r1", renamed), new FleetJournal.NoOutput())).section(other);
        assertThat(other.toString()).contains("Run r1 is of another runbook, legacy-upgrade: hosts and tasks are matched by name.");
    }

    private record T(String name, String status, long ms) {
    }

    private static RunFacts facts(String id, List<T> tasks) {
        return RunFacts.of(RunView.of(id, records(id, "n", tasks)), new FleetJournal.NoOutput());
    }

    private static List<Map<String, Object>> records(String id, String name, List<T> tasks) {
        List<Map<String, Object>> records = new ArrayList<>();
        records.add(rec("run_started", 0, "run", id, "name", name, "hosts", List.of("web1"), "steps", List.of("deploy"),
                "needs", Map.of(), "user", "ops", "machine", "laptop", "origin", Map.of("runbook", "/rb.yml")));
        long t = 0;
        boolean failed = false;
        for (int i = 0; i < tasks.size(); i++) {
            T task = tasks.get(i);
            Map<String, Object> fin = FleetJournal.task("task_finished", t += task.ms(), "web1", "deploy", i, task.name());
            fin.putAll(Map.of("status", task.status(), "changed", "changed".equals(task.status()), "msg", "", "duration_ms", task.ms()));
            records.add(fin);
            failed |= "failed".equals(task.status());
        }
        records.add(rec("step_finished", t, "host", "web1", "step", "deploy", "status", failed ? "failed" : "changed", "reason", "",
                "duration_ms", t));
        records.add(rec("run_finished", t, "exit", failed ? 2 : 0, "interrupted", false, "duration_ms", t, "recap", Map.of()));
        return records;
    }
}
