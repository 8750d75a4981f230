package dev.runbook.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.state.JournalWriter;
import dev.runbook.state.LockHolder;
import dev.runbook.state.RunLock;
import dev.runbook.state.RunStore;
import dev.runbook.state.RunView;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The report's layout and escaping, from journals written record by record. */
class HtmlReportTest {
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void stepsAreLayeredByTheLongestChainOfNeeds() {
        DagSvg.Layout lay = DagSvg.layout(List.of("a", "e", "c", "b", "d"),
                Map.of("b", List.of("a"), "c", List.of("a", "e"), "d", List.of("b", "c")));
        assertThat(lay.layers()).isEqualTo(3);
        assertThat(lay.cells().get("a")[0]).isZero();
        assertThat(lay.cells().get("e")[0]).isZero();
        assertThat(lay.cells().get("b")[0]).isEqualTo(1);
        assertThat(lay.cells().get("c")[0]).isEqualTo(1);
        assertThat(lay.cells().get("d")[0]).isEqualTo(2);
        // b needs only a (row 0), c needs a and e (rows 0 and 1): b is placed above c
        assertThat(lay.cells().get("b")[1]).isLessThan(lay.cells().get("c")[1]);
        assertThat(lay.rows()).isEqualTo(2);
    }

    @Test
    void aJournalWithoutNeedsDrawsEveryStepInOneLayer() {
        DagSvg.Layout lay = DagSvg.layout(List.of("x", "y"), Map.of());
        assertThat(lay.layers()).isEqualTo(1);
        assertThat(lay.rows()).isEqualTo(2);
    }

    @Test
    void whatTasksSayIsEscapedAndManyHostsAreAggregatedInTheTimeline() {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < TimelineSvg.MAX_HOST_ROWS + 20; i++) {
            hosts.add(String.format("shop%03d", i));
        }
        List<Map<String, Object>> records = new ArrayList<>();
        records.add(rec("run_started", 0, "run", "r1", "name", "fleet <em>", "hosts", hosts, "steps", List.of("deploy"),
                "needs", Map.of("deploy", List.of()), "user", "ops", "machine", "laptop", "origin", Map.of("runbook", "/rb.yml")));
        for (String h : hosts) {
            boolean bad = h.equals("shop007");
            records.add(task("task_started", 10, h, "<script>alert(1)</script>"));
            Map<String, Object> fin = task("task_finished", 500, h, "<script>alert(1)</script>");
            fin.put("status", bad ? "failed" : "changed");
            fin.put("changed", !bad);
            fin.put("msg", bad ? "disk full & <no> space" : "");
            fin.put("duration_ms", 490);
            records.add(fin);
            records.add(rec("step_finished", 500, "host", h, "step", "deploy", "status", bad ? "failed" : "changed", "reason", "",
                    "duration_ms", 490));
        }
        records.add(rec("run_finished", 600, "exit", 2, "interrupted", false, "duration_ms", 600, "recap", Map.of()));
        String html = HtmlReport.of(RunView.of("r1", records), new NoOutput()).html();

        assertThat(html).doesNotContain("<script").doesNotContain("<em>").contains("fleet &lt;em&gt;")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("disk full &amp; &lt;no&gt; space")
                .contains("<span class=\"changed\">changed 119</span>").contains("<span class=\"failed\">failed 1</span>")
                .contains("ops@laptop").contains("<title>deploy: failed 1 · changed 119</title>");
        String timeline = html.substring(html.indexOf("id=\"timeline\""), html.indexOf("id=\"hosts\""));
        assertThat(timeline).contains("data-row=\"deploy\"").doesNotContain("data-row=\"shop001\"")
                .contains("120 hosts: the rows above are per step");
        // with many hosts only the hosts that did not end well are open
        assertThat(html).contains("data-host=\"shop007\" open>").contains("data-host=\"shop001\">");
    }

    @Test
    void aReportOfAThousandHostsWithFiftyTasksEachStaysUnderTenMegabytes() {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            hosts.add(String.format("shop%04d.example.org", i));
        }
        List<String> steps = List.of("backup", "download", "patch", "migrate", "verify");
        List<Map<String, Object>> records = new ArrayList<>();
        Map<String, Object> needs = new LinkedHashMap<>();
        for (int s = 1; s < steps.size(); s++) {
            needs.put(steps.get(s), List.of(steps.get(s - 1)));
        }
        records.add(rec("run_started", 0, "run", "r1", "name", "fleet", "hosts", hosts, "steps", steps, "needs", needs,
                "user", "ops", "machine", "laptop", "origin", Map.of("runbook", "/rb.yml")));
        long t = 0;
        for (String h : hosts) {
            for (int s = 0; s < steps.size(); s++) {
                for (int i = 0; i < 10; i++) {
                    t += 3;
                    Map<String, Object> st = task("task_started", t, h, "task number " + i + " of step " + steps.get(s));
                    st.put("step", steps.get(s));
                    st.put("index", i);
                    records.add(st);
                    Map<String, Object> fin = task("task_finished", t + 2, h, "task number " + i + " of step " + steps.get(s));
                    fin.put("step", steps.get(s));
                    fin.put("index", i);
                    fin.put("status", i % 3 == 0 ? "changed" : "ok");
                    fin.put("changed", i % 3 == 0);
                    fin.put("msg", i % 3 == 0 ? "changed /etc/shop/config-" + i + ".php (1204 bytes, mode 0644)" : "");
                    fin.put("duration_ms", 2);
                    records.add(fin);
                }
                records.add(rec("step_finished", t + 2, "host", h, "step", steps.get(s), "status", "changed", "reason", "",
                        "duration_ms", 30));
            }
        }
        records.add(rec("run_finished", t + 10, "exit", 0, "interrupted", false, "duration_ms", t + 10, "recap", Map.of()));
        String html = HtmlReport.of(RunView.of("r1", records), new NoOutput()).html();
        try { // kept for measuring how fast a browser opens it (docs/performance.md)
            java.nio.file.Files.writeString(Path.of("target", "report-1000-hosts.html"), html);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(10_000_000);
        assertThat(html).contains("data-host=\"shop0999.example.org\"").contains("1000 hosts: the rows above are per step");
    }

    private static Map<String, Object> task(String type, long ms, String host, String name) {
        return rec(type, ms, "host", host, "step", "deploy", "index", 0, "item_index", -1, "task", name);
    }

    private static Map<String, Object> rec(String type, long ms, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("at", T0.plusMillis(ms).toString());
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A store that holds no task output: the report needs nothing else from it here. */
    private static final class NoOutput implements RunStore {
        @Override
        public JournalWriter append(String runId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Map<String, Object>> read(String runId, Consumer<String> warnings) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Map<String, Object>> ends(String runId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Map<String, Object>> output(String runId, String host) {
            return List.of();
        }

        @Override
        public RunLock lock(String key, LockHolder me) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> list() {
            return List.of("r1");
        }

        @Override
        public void delete(String runId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String describe() {
            return "memory";
        }
    }
}
