package dev.runbook.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.testing.DebianPackages;
import dev.runbook.testing.OpenSshHosts;
import dev.runbook.testing.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run (local hosts, one that fails, one unreachable over SSH, a masked secret) reported
 * as HTML by `apply --report` and `show RUN --html`, opened in headless Chromium.
 */
class HtmlReportBrowserTest {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String SECRET = "Xq7-very-secret-9Lm";

    @TempDir
    static Path dir;
    static Path report;
    static Cli.Result apply;
    static OpenSshHosts ssh;
    /** Every browser here talks through a recorder on 127.0.0.1: nothing leaves the machine. */
    static RequestRecorder sink;

    @BeforeAll
    static void run() throws Exception {
        DebianPackages.ensure(CHROMIUM, "chromium");
        sink = new RequestRecorder();
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
                          if [ {{ inventory_hostname }} = shop2 ]; then echo "table oc_order is locked" >&2; exit 3; fi
                  verify:
                    needs: [templates, migrate]
                    tasks:
                      - name: check the shop answers
                        shell: echo verified
                """);
        report = dir.resolve("report.html");
        apply = Cli.run("apply", dir.resolve("upgrade.yml").toString(), "-i", dir.resolve("hosts.ini").toString(),
                "--state-dir", dir.resolve("state").toString(), "--report", report.toString(),
                "--known-hosts", ssh.knownHosts().toString());
    }

    @AfterAll
    static void stop() throws Exception {
        ssh.close();
        sink.close();
    }

    @Test
    void applyWritesAReportThatNamesHostsStepsAndTheFailureFirst() throws Exception {
        assertThat(apply.exit()).as(apply.out() + apply.err()).isIn(2, 3);
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
        String dom = chromium("--dump-dom", report.toUri().toString());
        assertThat(dom).contains("id=\"run-meta\"").contains("shop-upgrade")
                .contains("data-host=\"shop1\"").contains("data-host=\"shop2\"").contains("data-host=\"shop3\"")
                .contains("data-host=\"shop4\"");
        assertThat(dom).containsPattern("<span class=\"failed\">failed 1</span>")
                .containsPattern("<span class=\"unreachable\">unreachable 1</span>")
                .containsPattern("<span class=\"changed\">changed 2</span>");
        for (String step : List.of("prepare", "templates", "migrate", "verify")) {
            assertThat(dom).contains("data-step=\"" + step + "\"").contains("data-row=\"" + step + "\"");
        }
        String failures = dom.substring(dom.indexOf("id=\"failures\""), dom.indexOf("id=\"graph\""));
        assertThat(failures).contains("shop2").contains("migrate").contains("run the migration")
                .contains("table oc_order is locked").contains("migrating shop2 with ********").contains("shop3")
                .doesNotContain("shop1").doesNotContain("shop4");
        assertThat(dom).contains("check the shop answers").contains("write the config").doesNotContain(SECRET);
        // verify ran on shop1 and shop4 (over SSH): shop2 failed the migration it needs, shop3 never connected
        assertThat(dom).contains("<title>verify: changed 2 · skipped 2</title>")
                .contains("<title>migrate: failed 1 · changed 2 · skipped 1</title>");
    }

    @Test
    void showRunHtmlWritesTheSameReportAndAScreenshotRendersIt() throws Exception {
        Cli.Result runs = Cli.run("runs", "--state-dir", dir.resolve("state").toString());
        String id = runs.out().lines().skip(1).findFirst().orElseThrow().split(" ")[0];
        Path shown = dir.resolve("shown.html");
        Cli.Result show = Cli.run("show", id, "--html", shown.toString(), "--state-dir", dir.resolve("state").toString());
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("wrote " + shown);
        assertThat(Files.readString(shown)).isEqualTo(Files.readString(report));

        Path png = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(png);
        chromium("--screenshot=" + png, "--window-size=1280,1500", "--hide-scrollbars", shown.toUri().toString());
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(20_000);
    }

    @Test
    void openingTheReportRequestsNothing() throws Exception {
        Path control = Files.writeString(dir.resolve("control.html"), "<img src=\"http://report.invalid/x.png\">");
        try (RequestRecorder proxy = new RequestRecorder()) {
            chromium("--proxy-server=http://127.0.0.1:" + proxy.port(), "--dump-dom", control.toUri().toString());
            // the recorder sees what a page requests (Chromium's own update and time checks aside)
            assertThat(pageRequests(proxy)).anyMatch(r -> r.contains("report.invalid"));
        }
        try (RequestRecorder proxy = new RequestRecorder()) {
            chromium("--proxy-server=http://127.0.0.1:" + proxy.port(), "--dump-dom", report.toUri().toString());
            assertThat(pageRequests(proxy)).isEmpty();
        }
    }

    /** What the page asked for: requests other than Chromium's own calls to Google's services. */
    private static List<String> pageRequests(RequestRecorder proxy) {
        return proxy.requests().stream().filter(r -> !r.isEmpty())
                .filter(r -> !r.matches("(?i)\\S+ (https?://)?[a-z0-9.-]+\\.(google|googleapis|gstatic|gvt1)\\.com[:/].*")).toList();
    }

    private static String chromium(String... args) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium-");
        List<String> argv = new ArrayList<>(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile));
        if (java.util.Arrays.stream(args).noneMatch(a -> a.startsWith("--proxy-server="))) {
            argv.add("--proxy-server=http://127.0.0.1:" + sink.port());
        }
        argv.addAll(List.of(args));
        Path out = dir.resolve("chromium.out");
        Process p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(dir.resolve("chromium.err").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120s: " + Files.readString(dir.resolve("chromium.err")));
        }
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("chromium.err"))).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
