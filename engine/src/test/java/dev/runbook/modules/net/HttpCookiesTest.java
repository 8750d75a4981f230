package dev.runbook.modules.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.runbook.modules.Args;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.TestModuleContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The http module's registered headers and cookies, and the cookie jar one step's http tasks share
 * (one TestModuleContext plays one step on one host), against a real HTTP server on 127.0.0.1 that
 * behaves like OpenCart's admin: a form login setting a session cookie limited to /admin/.
 */
class HttpCookiesTest {
    final Http module = new Http();
    final List<String> cookiesSeen = new CopyOnWriteArrayList<>();
    HttpServer server;
    String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/admin/login", ex -> {
            String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // field order is the runbook's; either order is a valid form
            if (!Set.of(form.split("&")).equals(Set.of("username=admin", "password=p%40ss"))) {
                reply(ex, 200, "wrong login: " + form);
                return;
            }
            ex.getResponseHeaders().add("Set-Cookie", "OCSESSID=abc123; Path=/admin/; HttpOnly");
            ex.getResponseHeaders().add("Set-Cookie", "language=en-gb; Path=/");
            ex.getResponseHeaders().add("Location", "/admin/dashboard");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/admin/dashboard", ex -> {
            String cookie = String.valueOf(ex.getRequestHeaders().getFirst("Cookie"));
            reply(ex, cookie.contains("OCSESSID=abc123") ? 200 : 403, cookie.contains("OCSESSID=abc123") ? "Dashboard" : "log in");
        });
        server.createContext("/", ex -> {
            List<String> cookies = ex.getRequestHeaders().getOrDefault("Cookie", List.of());
            cookiesSeen.add(String.join(" | ", cookies));
            ex.getResponseHeaders().add("Retry-After", "3600");
            ex.getResponseHeaders().add("X-Multi", "one");
            ex.getResponseHeaders().add("X-Multi", "two");
            boolean admin = cookies.stream().anyMatch(c -> c.contains("OCSESSID=abc123"));
            reply(ex, 503, admin ? "storefront for the admin during maintenance" : "Maintenance");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    Args args(Map<String, Object> raw) {
        return TestModuleContext.args(module, raw);
    }

    ModuleResult login(TestModuleContext step) throws Exception {
        return module.apply(step, args(Map.of("url", base + "/admin/login", "method", "POST",
                "body_format", "form-urlencoded", "body", Map.of("username", "admin", "password", "p@ss"))));
    }

    @Test
    void headersAreRegisteredLowerCasedAndAtTheTopLevelAsAnsibleUriDoes() throws Exception {
        ModuleResult r = module.apply(new TestModuleContext(null), args(Map.of("url", base + "/", "status_code", 503)));
        assertThat(r.failed()).as(r.msg()).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) r.data().get("headers");
        assertThat(headers).containsEntry("retry-after", "3600").containsEntry("x-multi", "one, two")
                .containsEntry("content-type", "text/plain");
        assertThat(r.data()).containsEntry("retry_after", "3600").containsEntry("x_multi", "one, two")
                .containsEntry("status", 503).containsEntry("cookies", Map.of()).containsEntry("cookies_string", "");
    }

    @Test
    void aFormLoginsCookieReachesTheNextTaskOfTheStep() throws Exception {
        TestModuleContext step = new TestModuleContext(null);
        ModuleResult in = login(step);
        assertThat(in.failed()).as(in.msg()).isFalse();
        // the 302's cookies went with the redirect to the dashboard
        assertThat(in.data()).containsEntry("url", base + "/admin/dashboard").containsEntry("status", 200);
        assertThat(in.data().get("cookies")).isEqualTo(Map.of("OCSESSID", "abc123", "language", "en-gb"));
        assertThat((String) in.data().get("cookies_string")).contains("OCSESSID=abc123").contains("language=en-gb");
        // a later task of the same step is logged in
        ModuleResult again = module.apply(step, args(Map.of("url", base + "/admin/dashboard")));
        assertThat(again.failed()).as(again.msg()).isFalse();
        // another step is not
        ModuleResult other = module.apply(new TestModuleContext(null), args(Map.of("url", base + "/admin/dashboard")));
        assertThat(other.failed()).isTrue();
        assertThat(other.msg()).contains("answered HTTP 403");
    }

    @Test
    void aCookieLimitedToAdminIsSentToTheStorefrontOnlyWhenGivenExplicitly() throws Exception {
        TestModuleContext step = new TestModuleContext(null);
        login(step);
        Map<String, Object> storefront = Map.of("url", base + "/", "status_code", 503, "return_content", true);
        ModuleResult plain = module.apply(step, args(storefront));
        assertThat(plain.data()).containsEntry("content", "Maintenance");
        assertThat(cookiesSeen).last().isEqualTo("language=en-gb");

        ModuleResult viaArg = module.apply(step, args(Map.of("url", base + "/", "status_code", 503, "return_content", true,
                "cookies", Map.of("OCSESSID", "abc123"))));
        assertThat(viaArg.data()).containsEntry("content", "storefront for the admin during maintenance");
        assertThat(cookiesSeen).last().isEqualTo("OCSESSID=abc123; language=en-gb");

        ModuleResult viaHeader = module.apply(step, args(Map.of("url", base + "/", "status_code", 503, "return_content", true,
                "headers", Map.of("Cookie", "OCSESSID=abc123; language=de-de"))));
        assertThat(viaHeader.data()).containsEntry("content", "storefront for the admin during maintenance");
        // one Cookie header; the explicit value wins over the jar's cookie of the same name
        assertThat(cookiesSeen).last().isEqualTo("OCSESSID=abc123; language=de-de");
    }

    @Test
    void withoutFollowingARedirectLocationIsAbsoluteAsAnsibleUriRegistersIt() throws Exception {
        TestModuleContext step = new TestModuleContext(null);
        ModuleResult r = module.apply(step, args(Map.of("url", base + "/admin/login", "form", Map.of("username", "admin",
                "password", "p@ss"), "follow_redirects", false, "status_code", 302)));
        assertThat(r.failed()).as(r.msg()).isFalse();
        assertThat(r.data()).containsEntry("location", base + "/admin/dashboard");
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) r.data().get("headers");
        assertThat(headers).containsEntry("location", "/admin/dashboard");
        assertThat((String) headers.get("set-cookie")).contains("OCSESSID=abc123").contains("language=en-gb");
    }

    @Test
    void cookieHeaderParsing() {
        assertThat(HttpSession.parseCookieHeader(" a=1; b=\"two\" ;c; ;d=x=y")).containsExactly(
                Map.entry("a", "1"), Map.entry("b", "two"), Map.entry("c", ""), Map.entry("d", "x=y"));
    }

    private static void reply(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/plain");
        ex.sendResponseHeaders(code, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
