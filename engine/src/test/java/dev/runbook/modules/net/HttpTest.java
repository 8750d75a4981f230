package dev.runbook.modules.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.TestModuleContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** http against a real HTTP server on 127.0.0.1. No connection to any host is used. */
class HttpTest {
    final Http module = new Http();
    /** A context whose connection is null: http must not need one. */
    final TestModuleContext ctx = new TestModuleContext(null);
    final TestModuleContext plan = new TestModuleContext(null).checkMode(true);
    final List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer server;
    String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
            String token = String.valueOf(ex.getRequestHeaders().getFirst("X-Token"));
            reply(ex, 200, "application/json", Http.Json.MAPPER.writeValueAsString(Map.of(
                    "method", ex.getRequestMethod(), "type", type, "body", body, "token", token)));
        });
        server.createContext("/status/", ex -> reply(ex, Integer.parseInt(ex.getRequestURI().getPath().substring(8)),
                "text/plain", "line1\nline2\nline3\nline4\nline5\nline6\n"));
        server.createContext("/login", ex -> {
            ex.getResponseHeaders().add("Set-Cookie", "session=s3cr3t; Path=/");
            reply(ex, 200, "text/plain", "welcome");
        });
        server.createContext("/admin", ex -> {
            String cookie = String.valueOf(ex.getRequestHeaders().getFirst("Cookie"));
            boolean in = cookie.contains("session=s3cr3t");
            reply(ex, in ? 200 : 403, "text/html", in ? "<h1>Dashboard</h1>" : "please log in");
        });
        server.createContext("/upgrade", ex -> {
            seen.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            String step = ex.getRequestURI().getQuery();
            int n = Integer.parseInt(step.replaceAll(".*step=(\\d+).*", "$1"));
            String mode = step.contains("mode=") ? step.replaceAll(".*mode=(\\w+).*", "$1") : "ok";
            String json = switch (mode) {
                case "error" -> n == 2 ? "{\"error\":\"Warning: table oc_setting is missing\"}" : next(n, mode);
                case "html" -> n == 2 ? null : next(n, mode);
                case "forever" -> next(n, mode);
                default -> n == 3 ? "{\"success\":\"Upgrade complete\"}" : next(n, mode);
            };
            if (json == null) {
                reply(ex, 200, "text/html", "<br />\n<b>Fatal error</b>: Uncaught Error in upgrade_2.php\n<p>3</p>\n<p>4</p>\n<p>5</p>\n<p>6</p>\n");
            } else {
                reply(ex, 200, "application/json", json);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** OpenCart style: an absolute next URL with HTML-escaped ampersands. */
    private String next(int n, String mode) {
        return "{\"text\":\"step " + n + " done\",\"next\":\"" + base + "/upgrade?route=upgrade&amp;step=" + (n + 1)
                + "&amp;mode=" + mode + "\"}";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    Args args(Map<String, Object> raw) {
        return TestModuleContext.args(module, raw);
    }

    @Test
    void getWithTheExpectedStatusIsSafeToRunInPlan() throws Exception {
        Args a = args(Map.of("url", base + "/status/204"));
        assertThat(module.check(plan, a).kind()).isEqualTo(ChangeKind.UNKNOWN);
        Args ok = args(Map.of("url", base + "/status/204", "status_code", List.of(200, 204)));
        Change c = module.check(plan, ok);
        assertThat(c.kind()).isEqualTo(ChangeKind.NONE);
        assertThat(c.result()).containsEntry("status", 204);
        ModuleResult r = module.apply(ctx, ok);
        assertThat(r.changed()).isFalse();
        assertThat(r.failed()).isFalse();
    }

    @Test
    void unexpectedStatusFailsShowingTheFirstFiveLines() throws Exception {
        ModuleResult r = module.apply(ctx, args(Map.of("url", base + "/status/500")));
        assertThat(r.failed()).isTrue();
        assertThat(r.msg()).contains("answered HTTP 500, expected 200").contains("line5").doesNotContain("line6");
        assertThat(r.data()).containsEntry("status", 500);
    }

    @Test
    void jsonBodyHeadersAndFormAreSent() throws Exception {
        Args json = args(Map.of("url", base + "/echo", "body", Map.of("name", "shop", "n", 2),
                "headers", Map.of("X-Token", "abc")));
        assertThat(module.check(plan, json).summary()).isEqualTo("would POST " + base + "/echo");
        ModuleResult r = module.apply(ctx, json);
        assertThat(r.changed()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> echoed = (Map<String, Object>) r.data().get("json");
        assertThat(echoed).containsEntry("method", "POST").containsEntry("type", "application/json").containsEntry("token", "abc");
        assertThat(Http.Json.MAPPER.readTree((String) echoed.get("body")).get("name").asText()).isEqualTo("shop");

        Map<String, Object> form = new LinkedHashMap<>();
        form.put("user", "admin");
        form.put("note", "a&b=c d");
        ModuleResult f = module.apply(ctx, args(Map.of("url", base + "/echo", "form", form, "method", "put")));
        @SuppressWarnings("unchecked")
        Map<String, Object> fe = (Map<String, Object>) f.data().get("json");
        assertThat(fe).containsEntry("method", "PUT").containsEntry("type", "application/x-www-form-urlencoded")
                .containsEntry("body", "user=admin&note=a%26b%3Dc+d");
    }

    @Test
    void cookiesAreKeptAcrossTheChainButNotAcrossSteps() throws Exception {
        assertThat(module.apply(ctx, args(Map.of("url", base + "/admin"))).failed()).isTrue();
        // the login's cookie reaches the protected page within one task (a chain of two requests)
        server.createContext("/login-json", ex -> {
            ex.getResponseHeaders().add("Set-Cookie", "session=s3cr3t; Path=/");
            reply(ex, 200, "application/json", "{\"next\":\"/admin-json\"}");
        });
        server.createContext("/admin-json", ex -> {
            boolean in = String.valueOf(ex.getRequestHeaders().getFirst("Cookie")).contains("session=s3cr3t");
            reply(ex, 200, "application/json", in ? "{\"success\":\"Dashboard\"}" : "{\"error\":\"please log in\"}");
        });
        ModuleResult r = module.apply(ctx, args(Map.of("url", base + "/login-json", "method", "POST", "follow", true)));
        assertThat(r.failed()).as(r.msg()).isFalse();
        assertThat(r.data().get("steps")).isEqualTo(List.of(base + "/login-json", base + "/admin-json"));
        // another step (another context) starts with no cookies
        assertThat(module.apply(new TestModuleContext(null), args(Map.of("url", base + "/admin"))).failed()).isTrue();
    }

    @Test
    void loginRedirectCarriesTheCookieToTheProtectedPage() throws Exception {
        server.createContext("/login-redirect", ex -> {
            ex.getResponseHeaders().add("Set-Cookie", "session=s3cr3t; Path=/");
            ex.getResponseHeaders().add("Location", "/admin");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        ModuleResult r = module.apply(ctx, args(Map.of("url", base + "/login-redirect", "form", Map.of("user", "admin"),
                "return_content", true, "must_match", "Dash\\w+", "must_not_match", "log in")));
        assertThat(r.failed()).as(r.msg()).isFalse();
        assertThat(r.data()).containsEntry("content", "<h1>Dashboard</h1>").containsEntry("url", base + "/admin");
        ModuleResult miss = module.apply(ctx, args(Map.of("url", base + "/login", "must_match", "Dashboard")));
        assertThat(miss.failed()).isTrue();
        assertThat(miss.msg()).contains("does not match /Dashboard/").contains("welcome");
    }

    @Test
    void followsAChainOfThreeStepsEndingInSuccess() throws Exception {
        Args a = args(Map.of("url", base + "/upgrade?route=upgrade&step=1", "follow",
                Map.of("next", "next", "done", "success", "error", "error")));
        Change c = module.check(plan, a);
        assertThat(c.kind()).isEqualTo(ChangeKind.UNKNOWN);
        assertThat(c.summary()).startsWith("would GET " + base + "/upgrade").endsWith("and follow its chain of replies");
        assertThat(seen).isEmpty();
        ModuleResult r = module.apply(ctx, a);
        assertThat(r.failed()).as(r.msg()).isFalse();
        assertThat(r.changed()).isTrue();
        assertThat(seen).containsExactly("GET /upgrade?route=upgrade&step=1", "GET /upgrade?route=upgrade&step=2&mode=ok",
                "GET /upgrade?route=upgrade&step=3&mode=ok");
        assertThat(r.data().get("steps")).asList().hasSize(3);
        assertThat(r.data().get("json")).isEqualTo(Map.of("success", "Upgrade complete"));
    }

    @Test
    void doneCanCompareAFieldWithAValue() throws Exception {
        server.createContext("/job", ex -> reply(ex, 200, "application/json", "{\"job\":{\"state\":\"finished\"}}"));
        assertThat(module.apply(ctx, args(Map.of("url", base + "/job", "follow", Map.of("done", "job.state == 'finished'"))))
                .failed()).isFalse();
        ModuleResult r = module.apply(ctx, args(Map.of("url", base + "/job", "follow", Map.of("done", "job.state == running"))));
        assertThat(r.failed()).isTrue();
        assertThat(r.msg()).contains("has neither 'next', 'job.state' nor 'error'");
    }

    @Test
    void aChainEndingInAnErrorFailsWithTheMessage() throws Exception {
        ModuleResult r = module.apply(ctx, args(Map.of("url", base + "/upgrade?step=1&mode=error", "follow", true)));
        assertThat(r.failed()).isTrue();
        assertThat(r.msg()).startsWith("step 2 (").endsWith("reported an error: Warning: table oc_setting is missing");
    }

    @Test
    void aNonJsonReplyInAChainShowsItsFirstFiveLines() throws Exception {
        ModuleResult r = module.apply(ctx, args(Map.of("url", base + "/upgrade?step=1&mode=html", "follow", true)));
        assertThat(r.failed()).isTrue();
        assertThat(r.msg()).contains("did not answer with JSON (HTTP 200)").contains("<b>Fatal error</b>")
                .contains("<p>5</p>").doesNotContain("<p>6</p>");
    }

    @Test
    void maxStepsStopsAnEndlessChain() throws Exception {
        ModuleResult r = module.apply(ctx, args(Map.of("url", base + "/upgrade?step=1&mode=forever",
                "follow", Map.of("max_steps", 4))));
        assertThat(r.failed()).isTrue();
        assertThat(r.msg()).contains("not done after 4 steps (max_steps)");
        assertThat(seen).hasSize(4);
    }

    @Test
    void refusedConnectionIsAClearFailureAndUnknownInPlan() throws Exception {
        String url = base + "/echo";
        server.stop(0);
        assertThat(module.check(plan, args(Map.of("url", url))).kind()).isEqualTo(ChangeKind.UNKNOWN);
        assertThatThrownBy(() -> module.apply(ctx, args(Map.of("url", url)))).isInstanceOf(ModuleException.class)
                .hasMessageContaining("GET " + url + " failed");
    }

    @Test
    void aRenderedUrlThatIsNoUrlIsAClearFailure() {
        assertThatThrownBy(() -> module.apply(ctx, args(Map.of("url", "shop.example.com/admin"))))
                .isInstanceOf(ModuleException.class).hasMessage("url must start with http:// or https://, got 'shop.example.com/admin'");
        assertThatThrownBy(() -> module.check(plan, args(Map.of("url", "http://bad host/"))))
                .isInstanceOf(ModuleException.class).hasMessageStartingWith("url is not a valid URL");
    }

    @Test
    void validationNamesTheMistake() {
        assertThat(module.validate(args(Map.of("url", "ftp://x", "status_code", "abc", "follow", Map.of("nxt", "a")))))
                .containsExactly("status_code must be an HTTP status (like 200) or a list of them, got 'abc'",
                        "follow: unknown key 'nxt' (expected next, done, error, max_steps)",
                        "url must start with http:// or https://, got 'ftp://x'");
    }

    private static void reply(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(code, code == 204 ? -1 : bytes.length);
        if (code != 204) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }
}
