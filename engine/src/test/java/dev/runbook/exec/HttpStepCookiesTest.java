package dev.runbook.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.event.RunEvent;
import dev.runbook.event.StepStatus;
import dev.runbook.event.TaskOutcome;
import dev.runbook.testing.DebianPackages;
import dev.runbook.testing.Ports;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The http tasks of one step share a cookie jar, through the engine, against real PHP sessions
 * ({@code php -S} on 127.0.0.1): a form login to an admin whose session cookie is limited to
 * /admin/, then the storefront in maintenance with that cookie given explicitly.
 */
class HttpStepCookiesTest {
    static Process php;
    static String base;
    @TempDir
    static Path sessions;
    @TempDir
    Path dir;

    @BeforeAll
    static void startPhp() throws IOException, URISyntaxException {
        DebianPackages.ensure("/usr/bin/php", "php8.2-cli");
        Path docroot = Path.of(HttpStepCookiesTest.class.getResource("/http-session/index.php").toURI()).getParent();
        int port = Ports.free();
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/php", "-S", "127.0.0.1:" + port, "-t", docroot.toString())
                .redirectErrorStream(true).redirectOutput(sessions.resolve("php.log").toFile());
        pb.environment().put("SESSION_DIR", sessions.toString());
        php = pb.start();
        Ports.await("php -S on port " + port, Duration.ofSeconds(20), () -> Ports.isOpen(port));
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stopPhp() {
        if (php != null) {
            php.destroy();
        }
    }

    @Test
    void aLoginCookieServesTheLaterHttpTasksOfItsStepOnly() throws Exception {
        Path file = Runs.write(dir, """
                runbook: shop-check
                steps:
                  login:
                    tasks:
                      - name: log in to the admin
                        http:
                          url: "{{ base }}/admin/index.php"
                          method: POST
                          body_format: form-urlencoded
                          body: {username: admin, password: "p@ss word"}
                          must_match: Dashboard of admin
                        register: login
                      - name: the dashboard again
                        http: {url: "{{ base }}/admin/index.php", must_match: Dashboard of admin}
                      - name: the storefront as the admin
                        http:
                          url: "{{ base }}/"
                          cookies: {OCSESSID: "{{ login.cookies.OCSESSID }}"}
                          must_match: shown to the admin
                      - name: the storefront as a guest
                        http: {url: "{{ base }}/", status_code: 503}
                        register: guest
                      - assert:
                          that:
                            - guest.retry_after == '3600'
                            - guest.headers['retry-after'] == '3600'
                            - login.cookies_string is match('OCSESSID=')
                  another-step:
                    needs: [login]
                    tasks:
                      - http: {url: "{{ base }}/admin/index.php", must_match: Please log in}
                """);
        Runs.Outcome o = Runs.run(file, RunEvent.Mode.APPLY, Map.of("base", base), null, null, "localhost");
        List<RunEvent.TaskFinished> failed = o.of(RunEvent.TaskFinished.class).stream()
                .filter(t -> t.outcome() instanceof TaskOutcome.Failed).toList();
        assertThat(failed).as(failed.toString()).isEmpty();
        assertThat(o.step("localhost", "login").status()).isEqualTo(StepStatus.CHANGED);
        assertThat(o.step("localhost", "another-step").status()).isEqualTo(StepStatus.OK);
    }
}
