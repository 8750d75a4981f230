package dev.runbook.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.state.RunView;
import dev.runbook.testing.OpenSshHosts;
import dev.runbook.testing.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real runs (local hosts, one over real OpenSSH, one that fails, one unreachable, a masked
 * secret) reported as HTML by `apply --report`, `show RUN --html` and `show RUN --html --compare`,
 * opened in headless Chromium, which reaches the network only through a recorder on 127.0.0.1.
 */
class HtmlReportBrowserTest {
    private static final String SECRET = "Xq7-very-secret-9Lm";

    @TempDir
    static Path dir;
    static Path report;
    static Cli.Result apply;
    static Cli.Result again;
    static OpenSshHosts ssh;
    static RequestRecorder proxy;
    static Chromium browser;

    @BeforeAll
    static void run() throws Exception {
        proxy = new RequestRecorder();
        browser = Chromium.start(Files.createTempDirectory(dir, "chromium-").resolve("profile"), proxy.port());
        ssh = OpenSshHosts.start(1);
        Path remote = Files.createTempDirectory("runbook-report-ssh");
        Files.setPosixFilePermissions(remote, PosixFilePermissions.fromString("rwxrwxrwx"));
        int closed = Ports.free();
        Files.writeString(dir.resolve("hosts.ini"), """
                [shops]
                shop1 ansible_connection=local ansible_become_password=%1$s base=%2$s
                shop2 ansible_connection=local ansible_become_password=%1$s base=%2$s
                shop3 ansible_host=127.0.0.1 ansible_port=%3$d ansible_user=nobody base=%2$s
                shop4 ansible_host=127.0.0.1 ansible_port=%4$d ansible_user=%5$s ansible_ssh_private_key_file=%6$s \
                ansible_become_password=%1$s base=%7$s
                """.formatted(SECRET, dir, closed, ssh.port(0), OpenSshHosts.USER, ssh.clientKey(), remote));
        Files.writeString(dir.resolve("upgrade.yml"), """
                runbook: shop-upgrade
                hosts: shops
                steps:
                  prepare:
                    tasks:
                      - name: make the backup directory
                        file: {path: "{{ base }}/{{ inventory_hostname }}", state: directory}
                      - name: say where
                        shell: echo "preparing {{ inventory_hostname }}"
                  templates:
                    needs: [prepare]
                    tasks:
                      - name: write the config
                        copy: {dest: "{{ base }}/{{ inventory_hostname }}/config.php", content: "db = shop\\n"}
                  migrate:
                    needs: [prepare]
                    tasks:
                      - name: run the migration
                        shell: |
                          echo "migrating {{ inventory_hostname }} with {{ ansible_become_password }}"
                          sleep "$(cat {{ base }}/delay-{{ inventory_hostname }} 2>/dev/null || echo 0)"
                          if [ -e {{ base }}/locked-{{ inventory_hostname }} ]; then echo "table oc_order is locked" >&2; exit 3; fi
                  verify:
                    needs: [templates, migrate]
                    tasks:
                      - name: check the shop answers
                        shell: echo verified
                """);
        Files.writeString(dir.resolve("locked-shop2"), "");
        report = dir.resolve("report.html");
        apply = apply(report);
        // the next run: shop2's table is free again, shop1's migration takes 1.5 s longer
        Files.delete(dir.resolve("locked-shop2"));
        Files.writeString(dir.resolve("delay-shop1"), "1.5\n");
        again = apply(dir.resolve("again.html"));
    }

    private static Cli.Result apply(Path to) {
        return Cli.run("apply", dir.resolve("upgrade.yml").toString(), "-i", dir.resolve("hosts.ini").toString(),
                "--state-dir", dir.resolve("state").toString(), "--report", to.toString(),
                "--known-hosts", ssh.knownHosts().toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        ssh.close();
        proxy.close();
    }

    @Test
    void applyWritesAReportThatNamesHostsStepsAndTheFailureFirst() throws Exception {
        assertThat(apply.exit()).as(apply.out() + apply.err()).isIn(2, 3);
        assertThat(apply.out()).doesNotContain("+++ "); // the screen shows no diff without --diff
        assertThat(apply.err()).contains("report: " + report);
        String html = Files.readString(report);
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("shop-upgrade").contains("table oc_order is locked")
                .doesNotContain(SECRET)
                .doesNotContainPattern("(?i)https?://")
                .doesNotContainPattern("(?i)<script|<link|<img|<iframe|src=|@import");
        assertThat(html.indexOf("id=\"failures\"")).isPositive().isLessThan(html.indexOf("id=\"hosts\""));
    }

    @Test
    void theBrowserShowsHeaderGraphTimelineAndEveryHostsTasks() throws Exception {
        browser.open(report.toUri().toString());
        String dom = browser.eval("document.documentElement.outerHTML").asText();
        assertThat(dom).contains("id=\"run-meta\"").contains("shop-upgrade")
                .contains("data-host=\"shop1\"").contains("data-host=\"shop2\"").contains("data-host=\"shop3\"")
                .contains("data-host=\"shop4\"");
        assertThat(text("#host-counts")).isEqualTo("ok 0changed 2failed 1unreachable 1");
        for (String step : List.of("prepare", "templates", "migrate", "verify")) {
            assertThat(dom).contains("data-step=\"" + step + "\"").contains("data-row=\"" + step + "\"");
        }
        String failures = text("#failures");
        assertThat(failures).contains("shop2").contains("migrate").contains("run the migration")
                .contains("table oc_order is locked").contains("migrating shop2 with ********").contains("shop3")
                .contains("connection refused").doesNotContain("shop1").doesNotContain("shop4");
        assertThat(text("[data-host=shop4]")).contains("check the shop answers").contains("write the config");
        // the config's diff is a click away (a report has the diffs even without --diff; hosts' diffs start closed)
        assertThat(text("[data-host=shop1] [data-step=templates] + pre + details.out")).startsWith("diff · write the config").contains("+db = shop");
        assertThat(browser.eval("document.querySelector('[data-host=shop1] [data-step=templates] + pre + details.out ins').checkVisibility()").asBoolean()).isFalse();
        browser.click("[data-host=shop1] [data-step=templates] + pre + details.out > summary");
        assertThat(browser.eval("document.querySelector('[data-host=shop1] [data-step=templates] + pre + details.out ins').checkVisibility()").asBoolean()).isTrue();
        assertThat(dom).doesNotContain(SECRET);
        // verify ran on shop1 and shop4 (over SSH): shop2 failed the migration it needs, shop3 never connected
        assertThat(dom).contains("<title>verify: changed 2 · skipped 2</title>")
                .contains("<title>migrate: failed 1 · changed 2 · skipped 1</title>");
        // four hosts: one timeline row each, drawn (not hidden)
        assertThat(browser.eval("document.querySelector('#timeline [data-row=shop4] rect').getBoundingClientRect().width > 0")
                .asBoolean()).isTrue();
    }

    @Test
    void showRunHtmlWritesTheSameReportAndAScreenshotRendersIt() throws Exception {
        String id = runIds().get(0);
        Path shown = dir.resolve("shown.html");
        Cli.Result show = Cli.run("show", id, "--html", shown.toString(), "--state-dir", dir.resolve("state").toString());
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("wrote " + shown);
        assertThat(Files.readString(shown)).isEqualTo(Files.readString(report));

        browser.open(shown.toUri().toString());
        Path png = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.write(png, browser.screenshot(1280, 1500));
        assertThat(Files.size(png)).isGreaterThan(20_000);
    }

    @Test
    void aComparedReportMarksTheHostWhoseOutcomeChangedAndTheTaskThatTookMarkedlyLonger() throws Exception {
        assertThat(again.exit()).as(again.out() + again.err()).isIn(2, 3); // shop3 is still unreachable
        List<String> ids = runIds();
        Path compared = dir.resolve("compared.html");
        Cli.Result show = Cli.run("show", ids.get(1), "--html", compared.toString(), "--compare", "previous",
                "--state-dir", dir.resolve("state").toString());
        assertThat(show.exit()).as(show.err()).isZero();
        String html = Files.readString(compared);
        assertThat(html).doesNotContain(SECRET).contains("compared with run " + ids.get(0));

        browser.open(compared.toUri().toString());
        String section = text("#compare");
        assertThat(section).startsWith("Compared with run " + ids.get(0))
                .contains("1 host changed outcome").contains("tasks changed outcome")
                .contains("Markedly: at least 2 times as long or as short, and at least 1.0s apart");
        assertThat(text("#cmp-hosts")).contains("shop2failedchanged");
        assertThat(text("#cmp-tasks")).contains("shop2migrate › run the migrationfailedchanged")
                .contains("shop2verify › check the shop answersnot runchanged");
        assertThat(text("#cmp-durations")).contains("shop1migrate › run the migration");
        assertThat(text("[data-host=shop2] summary")).contains("was failed");
        // shop1's directory and config were made by the first run: ok now, not changed; its migration slept 1.5 s
        assertThat(text("[data-host=shop1] summary")).containsPattern("slower ×\\d+(\\.\\d)?, was \\d+ms").contains("3 tasks differ");
        assertThat(text("[data-host=shop1] [data-step=prepare] + pre")).contains("make the backup directory — ").contains("was changed");
        assertThat(text("[data-host=shop1] [data-step=migrate] + pre")).containsPattern("run the migration +slower ×\\d+(\\.\\d)?, was \\d+ms");
        Files.write(Path.of("target", "report-compare-screenshot.png").toAbsolutePath(), browser.screenshot(1280, 1100));
        // a task that ended the same way, in about the same time (a few ms), is not marked
        assertThat(text("[data-host=shop2]")).containsPattern("changed +\\d+ms  say where\n")
                .doesNotContain("say where was");
    }

    @Test
    void aThousandHostTimelineOpensGroupByGroup() throws Exception {
        Path big = dir.resolve("fleet.html");
        Files.writeString(big, HtmlReport.of(RunView.of("r1", FleetJournal.fleet(1000, 10, 777, 4000)), new FleetJournal.NoOutput())
                .html(), StandardCharsets.UTF_8);
        browser.open(big.toUri().toString());
        assertThat(browser.eval("document.querySelectorAll('details.tl').length").asInt()).isEqualTo(20);
        // closed: a group's hosts are in the page but not drawn
        String host = "document.querySelector('[data-row=\"shop0777.example.org\"] rect').checkVisibility()";
        assertThat(browser.eval(host).asBoolean()).isFalse();
        assertThat(text("details.tl[data-group=\"751\"] summary")).contains("hosts 751–800 (changed 50)");
        browser.click("details.tl[data-group=\"751\"] > summary");
        assertThat(browser.eval("document.querySelector('details.tl[data-group=\"751\"]').open").asBoolean()).isTrue();
        assertThat(browser.eval(host).asBoolean()).isTrue();
        assertThat(browser.eval("document.querySelector('details.tl[data-group=\"1\"]').open").asBoolean()).isFalse();
        browser.call("Runtime.evaluate", java.util.Map.of("expression", "document.querySelector('#time').scrollIntoView()"));
        Files.write(Path.of("target", "report-fleet-screenshot.png").toAbsolutePath(), browser.screenshot(1280, 900));
        // the slow host's row says what took it long
        assertThat(browser.eval("document.querySelector('[data-row=\"shop0777.example.org\"] title').textContent").asText())
                .startsWith("shop0777.example.org (changed): backup changed 4.0s");
    }

    @Test
    void aChangeMadeOnEveryHostIsShownOnceAndItsLinkOpensIt() throws Exception {
        Path big = dir.resolve("fleet-diffs.html");
        Files.writeString(big, HtmlReport.of(RunView.of("r1", FleetJournal.fleet(200, 10, -1, 0, true)), new FleetJournal.Printed())
                .html(), StandardCharsets.UTF_8);
        browser.open(big.toUri().toString());
        String link = "[data-host=\"shop0150.example.org\"] [data-step=patch] + pre a[href=\"#d0\"]";
        assertThat(text(link)).isEqualTo("diff as on shop0000.example.org");
        assertThat(browser.eval("document.querySelector('#d0').checkVisibility()").asBoolean()).isFalse();
        browser.call("Runtime.evaluate", java.util.Map.of("expression", "document.querySelector('details[data-host=\"shop0150.example.org\"]').open = true"));
        browser.click(link);
        Ports.await("the linked diff to be shown", java.time.Duration.ofSeconds(10), () -> {
            try {
                return browser.eval("document.querySelector('#d0').checkVisibility()").asBoolean();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(text("#d0")).startsWith("--- before: /srv/www/shop0000.example.org/config-0.php").contains("+define(");
    }

    @Test
    void openingTheReportRequestsNothing() throws Exception {
        Path control = Files.writeString(dir.resolve("control.html"), "<img src=\"http://report.invalid/x.png\">");
        int before = proxy.requests().size();
        browser.open(control.toUri().toString());
        // the recorder sees what a page requests (Chromium's own update and time checks aside)
        Ports.await("the control page's request", java.time.Duration.ofSeconds(20),
                () -> pageRequests(proxy.requests().subList(before, proxy.requests().size())).stream()
                        .anyMatch(r -> r.contains("report.invalid")));
        int after = proxy.requests().size();
        browser.open(report.toUri().toString());
        browser.open(dir.resolve("compared.html").toUri().toString().replace("compared", "again"));
        browser.open("about:blank");
        assertThat(pageRequests(proxy.requests().subList(after, proxy.requests().size()))).isEmpty();
    }

    /** What the page asked for: requests other than Chromium's own calls to Google's services. */
    private static List<String> pageRequests(List<String> requests) {
        return requests.stream().filter(r -> !r.isEmpty())
                .filter(r -> !r.matches("(?i)\\S+ (https?://)?[a-z0-9.-]+\\.(google|googleapis|gstatic|gvt1)\\.com[:/].*")).toList();
    }

    private static String text(String selector) throws Exception {
        return browser.eval("document.querySelector(" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(selector)
                + ").textContent").asText();
    }

    private static List<String> runIds() {
        Cli.Result runs = Cli.run("runs", "--state-dir", dir.resolve("state").toString());
        // oldest first, as `runbook runs` lists them: ids of runs started in the same second do not sort by time
        return runs.out().lines().skip(1).map(l -> l.split(" ")[0]).toList();
    }
}
