package dev.runbook.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.testing.OpenSshHosts;
import dev.runbook.testing.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `plan --report` of a real plan — two local hosts, one over real OpenSSH, one unreachable; a
 * file that would change (with a diff holding a secret), one that would be created, one already
 * right, a command whose effect is unknown and a check that would fail — opened in headless
 * Chromium, which reaches the network only through a recorder on 127.0.0.1.
 */
class PlanReportBrowserTest {
    private static final String SECRET = "Pz4-plan-secret-8Kw";

    @TempDir
    static Path dir;
    static Path report;
    static Cli.Result plan;
    static OpenSshHosts ssh;
    static RequestRecorder proxy;
    static Chromium browser;

    @BeforeAll
    static void run() throws Exception {
        proxy = new RequestRecorder();
        browser = Chromium.start(Files.createTempDirectory(dir, "chromium-").resolve("profile"), proxy.port());
        ssh = OpenSshHosts.start(1);
        Path remote = Files.createTempDirectory("runbook-plan-ssh");
        Files.setPosixFilePermissions(remote, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(dir.resolve("hosts.ini"), """
                [shops]
                shop1 ansible_connection=local ansible_become_password=%1$s base=%2$s
                shop2 ansible_connection=local ansible_become_password=%1$s base=%2$s
                shop3 ansible_host=127.0.0.1 ansible_port=%3$d ansible_user=nobody base=%2$s
                shop4 ansible_host=127.0.0.1 ansible_port=%4$d ansible_user=%5$s ansible_ssh_private_key_file=%6$s \
                ansible_become_password=%1$s base=%7$s
                """.formatted(SECRET, dir, Ports.free(), ssh.port(0), OpenSshHosts.USER, ssh.clientKey(), remote));
        Files.writeString(dir.resolve("upgrade.yml"), """
                runbook: shop-upgrade
                hosts: shops
                steps:
                  prepare:
                    tasks:
                      - name: make the shop directory
                        file: {path: "{{ base }}/{{ inventory_hostname }}", state: directory}
                  templates:
                    needs: [prepare]
                    tasks:
                      - name: write the config
                        copy:
                          dest: "{{ base }}/{{ inventory_hostname }}/config.php"
                          content: "db = shop\\npassword = {{ ansible_become_password }}\\n"
                  migrate:
                    needs: [prepare]
                    tasks:
                      - name: the shop is not locked
                        assert: {that: "inventory_hostname != 'shop2'", fail_msg: "shop2 is locked for the sale"}
                      - name: run the migration
                        shell: php upgrade.php
                  verify:
                    needs: [templates, migrate]
                    tasks:
                      - name: check the shop answers
                        shell: echo verified
                """);
        // shop1 has an old config (would change), shop2 none (would be created), shop4 the right one (unchanged)
        Files.createDirectories(dir.resolve("shop1"));
        Files.createDirectories(dir.resolve("shop2"));
        Files.writeString(dir.resolve("shop1/config.php"), "db = old\npassword = " + SECRET + "-old\n");
        Files.createDirectories(remote.resolve("shop4"));
        Files.writeString(remote.resolve("shop4/config.php"), "db = shop\npassword = " + SECRET + "\n");
        report = dir.resolve("plan.html");
        plan = Cli.run("plan", dir.resolve("upgrade.yml").toString(), "-i", dir.resolve("hosts.ini").toString(),
                "--report", report.toString(), "--known-hosts", ssh.knownHosts().toString());
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
    void theReportSaysWhatTheScreenSaidAndHoldsNoSecret() throws Exception {
        assertThat(plan.exit()).as(plan.out() + plan.err()).isIn(2, 3);
        assertThat(plan.err()).contains("report: " + report);
        String html = Files.readString(report);
        String summary = plan.out().lines().filter(l -> l.startsWith("Plan: ")).findFirst().orElseThrow();
        assertThat(html).contains("<b id=\"run-status\">" + summary + "</b>")
                .doesNotContain(SECRET)
                .doesNotContainPattern("(?i)https?://")
                .doesNotContainPattern("(?i)<script|<link|<img|<iframe|src=|@import");
        // the screen showed no diff (no --diff): the report has them all the same, masked as the screen would
        assertThat(plan.out()).doesNotContain("+++");
        assertThat(html).contains("password = ********");
    }

    @Test
    void theBrowserShowsWouldFailFirstTheGraphByPredictedOutcomeAndEveryHostsPlan() throws Exception {
        browser.open(report.toUri().toString());
        String dom = browser.eval("document.documentElement.outerHTML").asText();
        for (String host : List.of("shop1", "shop2", "shop3", "shop4")) {
            assertThat(dom).contains("data-host=\"" + host + "\"");
        }
        assertThat(text("#host-counts")).isEqualTo("would change 1unknown 1unchanged 0would fail 1unreachable 1");
        String failures = text("#failures");
        assertThat(failures).startsWith("Would fail").contains("shop3 unreachable").contains("connection refused")
                .contains("shop2 · migrate › the shop is not locked would fail").contains("shop2 is locked for the sale")
                .doesNotContain("shop1").doesNotContain("shop4");
        assertThat(dom).contains("<title>templates: unreachable 1 · would change 2 · unchanged 1</title>")
                .contains("<title>migrate: would fail 1 · unreachable 1 · unknown 2</title>")
                .contains("<title>prepare: unreachable 1 · unchanged 3</title>");
        assertThat(browser.eval("getComputedStyle(document.querySelector('#dag [data-step=migrate] rect')).stroke").asText())
                .isEqualTo("rgb(198, 40, 40)"); // the colour of "would fail"

        String shop1 = text("details[data-host=shop1]");
        assertThat(shop1).contains("~ write the config — would update").contains("? run the migration — would run");
        String diff = text("details[data-host=shop1] details.out");
        assertThat(diff).contains("diff · write the config").contains("-db = old").contains("+db = shop")
                .contains("+password = ********").doesNotContain(SECRET);
        assertThat(browser.eval("document.querySelector('details[data-host=shop1] details.out ins').checkVisibility()").asBoolean())
                .isTrue(); // few hosts: every diff is open
        assertThat(text("details[data-host=shop2]")).contains("+ write the config").contains("! the shop is not locked");
        assertThat(text("details[data-host=shop4]")).contains("= write the config");
        assertThat(text("details[data-host=shop3] summary")).contains("unreachable");
        assertThat(browser.eval("document.documentElement.outerHTML").asText()).doesNotContain(SECRET);

        Path png = Path.of("target", "plan-report-screenshot.png").toAbsolutePath();
        Files.write(png, browser.screenshot(1280, 1400));
        assertThat(Files.size(png)).isGreaterThan(20_000);
    }

    @Test
    void openingThePlanRequestsNothing() throws Exception {
        Path control = Files.writeString(dir.resolve("control.html"), "<img src=\"http://plan.invalid/x.png\">");
        int before = proxy.requests().size();
        browser.open(control.toUri().toString());
        Ports.await("the control page's request", java.time.Duration.ofSeconds(20),
                () -> proxy.requests().subList(before, proxy.requests().size()).stream().anyMatch(r -> r.contains("plan.invalid")));
        int after = proxy.requests().size();
        browser.open(report.toUri().toString());
        browser.open("about:blank");
        assertThat(proxy.requests().subList(after, proxy.requests().size()).stream().filter(r -> !r.isEmpty())
                .filter(r -> !r.matches("(?i)\\S+ (https?://)?[a-z0-9.-]+\\.(google|googleapis|gstatic|gvt1)\\.com[:/].*")).toList())
                .isEmpty();
    }

    private static String text(String selector) throws Exception {
        return browser.eval("document.querySelector(" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(selector)
                + ").textContent").asText();
    }
}
