package dev.runbook.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.runbook.report.html.FleetJournal.rec;

import dev.runbook.state.RunView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's layout and escaping, from journals written record by record. */
class HtmlReportTest {
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
    void whatTasksSayIsEscapedAndManyHostsAreGroupedInTheTimeline() {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < TimelineSvg.GROUP + 20; i++) {
            hosts.add(String.format("shop%03d", i));
        }
        List<Map<String, Object>> records = new ArrayList<>();
        records.add(rec("run_started", 0, "run", "r1", "name", "fleet <em>", "hosts", hosts, "steps", List.of("deploy"),
                "needs", Map.of("deploy", List.of()), "user", "ops", "machine", "laptop", "origin", Map.of("runbook", "/rb.yml")));
        for (String h : hosts) {
            boolean bad = h.equals("shop057");
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
        String html = HtmlReport.of(RunView.of("r1", records), new FleetJournal.NoOutput()).html();

        assertThat(html).doesNotContain("<script").doesNotContain("<em>").contains("fleet &lt;em&gt;")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("disk full &amp; &lt;no&gt; space")
                .contains("<span class=\"changed\">changed 69</span>").contains("<span class=\"failed\">failed 1</span>")
                .contains("ops@laptop").contains("<title>deploy: failed 1 · changed 69</title>");
        String timeline = html.substring(html.indexOf("id=\"timeline\""), html.indexOf("id=\"hosts\""));
        // the fleet's row per step, then two groups (hosts 1-50, 51-70), each opening onto its hosts' rows
        assertThat(timeline).contains("data-row=\"deploy\"").contains("70 hosts: above, one row per step")
                .containsSubsequence("<details class=\"tl\" data-group=\"1\"><summary>", "hosts 1–50 (changed 50)", "</summary>",
                        "data-row=\"shop000\"", "data-row=\"shop049\"", "</details>",
                        "<details class=\"tl\" data-group=\"51\"><summary>", "hosts 51–70 (failed 1, changed 19)", "</summary>",
                        "data-row=\"shop050\"", "data-row=\"shop069\"", "</details>");
        // the group holding the failed host shows its step in the failed colour
        String second = timeline.substring(timeline.indexOf("data-group=\"51\""));
        assertThat(second.substring(0, second.indexOf("</summary>"))).contains("<rect class=\"failed\"")
                .contains("<title>hosts 51–70 · deploy: failed 1 · changed 19 · 490ms</title>");
        // with many hosts only the hosts that did not end well are open
        assertThat(html).contains("data-host=\"shop057\" open>").contains("data-host=\"shop001\">");
    }

    @Test
    void aHostsTasksAreAlignedLinesWithDiffAndOutputAClickAway() {
        List<Map<String, Object>> records = new ArrayList<>();
        records.add(rec("run_started", 0, "run", "r1", "name", "one", "hosts", List.of("web1"), "steps", List.of("deploy"),
                "needs", Map.of(), "user", "ops", "machine", "laptop", "origin", Map.of("runbook", "/rb.yml")));
        records.add(task("task_started", 10, "web1", "write the config"));
        Map<String, Object> fin = task("task_finished", 1500, "web1", "write the config");
        fin.putAll(Map.of("status", "changed", "changed", true, "msg", "changed /etc/app.conf\nsecond line", "duration_ms", 1490,
                "diff", "--- before\n+++ after\n-port = 1\n+port = 2\n"));
        records.add(fin);
        Map<String, Object> next = FleetJournal.task("task_finished", 1600, "web1", "deploy", 1, "restart");
        next.putAll(Map.of("status", "ok", "changed", false, "msg", "", "duration_ms", 80));
        records.add(next);
        records.add(rec("step_finished", 1600, "host", "web1", "step", "deploy", "status", "changed", "reason", "", "duration_ms", 1590));
        records.add(rec("run_finished", 1700, "exit", 0, "interrupted", false, "duration_ms", 1700, "recap", Map.of()));
        String html = HtmlReport.of(RunView.of("r1", records), new FleetJournal.NoOutput()).html();
        String host = html.substring(html.indexOf("data-host=\"web1\""));
        assertThat(host).contains("<summary>web1 <span class=\"badge changed\">changed</span><span class=\"sum\">"
                        + "2 tasks · 1 changed · 1.6s</span></summary>")
                .containsSubsequence("<div class=\"step changed\" data-step=\"deploy\">deploy<span class=\"s\">changed</span>",
                        "<pre class=\"tasks\"><b class=\"changed\">changed</b>        1.5s  write the config — changed /etc/app.conf …\n</pre>",
                        "<details class=\"out\"><summary>diff · write the config</summary><pre>--- before\n+++ after\n<del>-port = 1</del>\n"
                                + "<ins>+port = 2</ins>\n</pre></details>",
                        "<pre class=\"tasks\">ok             80ms  restart\n</pre>");
    }

    @Test
    void aReportOfAThousandHostsWithFiftyTasksEachStaysUnderTenMegabytes() throws Exception {
        String html = HtmlReport.of(RunView.of("r1", FleetJournal.fleet(1000, 10, -1, 0)), new FleetJournal.NoOutput()).html();
        Files.writeString(Path.of("target", "report-1000-hosts.html"), html); // for the benchmark (docs/performance.md)
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(10_000_000);
        assertThat(html).contains("data-host=\"shop0999.example.org\"").contains("1000 hosts: above, one row per step");
        // the elements a browser builds: a few per step of a host, not one row per task
        long tags = java.util.regex.Pattern.compile("<[a-zA-Z]").matcher(html).results().count();
        assertThat(tags).isLessThan(60_000);
    }

    @Test
    void aThousandHostsWithDiffsAndOutputStayUnderTenMegabytesSharingWhatIsTheSame() throws Exception {
        String html = HtmlReport.of(RunView.of("r1", FleetJournal.fleet(1000, 10, -1, 0, true)), new FleetJournal.Printed()).html();
        Files.writeString(Path.of("target", "report-1000-hosts-rich.html"), html);
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(10_000_000);
        // the change and the package manager's report are written once, on the first host; the others link to it
        String host = html.substring(html.indexOf("data-host=\"shop0500.example.org\""));
        assertThat(host.substring(0, host.indexOf("</details>\n"))).contains("task number 3 of step backup — changed "
                        + "/etc/shop/config-3.php (1204 bytes, mode 0644) <a href=\"#d0\">diff as on shop0000.example.org</a> "
                        + "<a href=\"#o2\">output (12 lines) as on shop0000.example.org</a>\n")
                .contains("backup on shop0500.example.org: part 0 of 3 done");
        assertThat(html).contains("<pre id=\"d0\">--- before: /srv/www/shop0000.example.org/config-0.php\n");
        assertThat(html).containsOnlyOnce("<ins>+define(&#39;VERSION&#39;, &#39;4.0.2.3&#39;);</ins>");
    }

    private static Map<String, Object> task(String type, long ms, String host, String name) {
        return FleetJournal.task(type, ms, host, "deploy", 0, name);
    }
}
