package dev.runbook.modules.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.runbook.connection.local.LocalConnection;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.TestModuleContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wait_for against real sockets, files and an HTTP server, probed through the local connection. */
class WaitForTest {
    final WaitFor module = new WaitFor();
    final TestModuleContext ctx = new TestModuleContext(new LocalConnection("localhost"));
    final RecordingConnection planned = new RecordingConnection();
    final TestModuleContext plan = new TestModuleContext(planned).checkMode(true);

    @org.junit.jupiter.api.AfterEach
    void planOnlyProbed() {
        assertThat(planned.allReadOnly()).isTrue();
    }

    Args args(Map<String, Object> raw) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("sleep", "50ms"));
        m.putAll(raw);
        return TestModuleContext.args(module, m);
    }

    @Test
    void openPortHoldsInPlanAndApply() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            acceptAndClose(s);
            Args a = args(Map.of("port", s.getLocalPort()));
            Change c = module.check(plan, a);
            assertThat(c.kind()).isEqualTo(ChangeKind.NONE);
            assertThat(c.summary()).isEqualTo("port " + s.getLocalPort() + " on 127.0.0.1 is open");
            ModuleResult r = module.apply(ctx, a);
            assertThat(r.changed()).isFalse();
            assertThat(r.failed()).isFalse();
            Args stopped = args(Map.of("port", s.getLocalPort(), "state", "stopped", "timeout", "300ms"));
            assertThat(module.check(plan, stopped).kind()).isEqualTo(ChangeKind.UNKNOWN);
            assertThatThrownBy(() -> module.apply(ctx, stopped)).isInstanceOf(ModuleException.class)
                    .hasMessageContaining("timed out after 300ms").hasMessageContaining("to be closed");
        }
    }

    @Test
    void closedPortIsUnknownInPlanAndTimesOutInApply() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Change c = module.check(plan, args(Map.of("port", port)));
        assertThat(c.kind()).isEqualTo(ChangeKind.UNKNOWN);
        assertThat(c.summary()).isEqualTo("would wait up to 300s for port " + port + " on 127.0.0.1 to be open");
        assertThat(module.check(plan, args(Map.of("port", port, "state", "stopped"))).kind()).isEqualTo(ChangeKind.NONE);
        assertThatThrownBy(() -> module.apply(ctx, args(Map.of("port", port, "timeout", "300ms"))))
                .isInstanceOf(ModuleException.class).hasMessageContaining("port " + port);
    }

    @Test
    void waitsForAFileThatAppearsWhileWaiting(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ready flag");
        Args a = args(Map.of("path", file.toString(), "timeout", "60s"));
        assertThat(module.check(plan, a).kind()).isEqualTo(ChangeKind.UNKNOWN);
        CountDownLatch probing = new CountDownLatch(1);
        TestModuleContext watched = new TestModuleContext(new RecordingConnection(probing::countDown));
        CompletableFuture<ModuleResult> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return module.apply(watched, a);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(probing.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(waiting).isNotDone();
        Files.writeString(file, "x");
        assertThat(waiting.get(60, TimeUnit.SECONDS).failed()).isFalse();
        assertThat(module.check(plan, a).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(module.check(plan, args(Map.of("path", file.toString(), "state", "absent"))).kind())
                .isEqualTo(ChangeKind.UNKNOWN);
    }

    @Test
    void searchRegexNeedsAMatchingLine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("app.log");
        Files.writeString(log, "starting\n");
        Args a = args(Map.of("path", log.toString(), "search_regex", "listening on [0-9]+", "timeout", "300ms"));
        assertThat(module.check(plan, a).kind()).isEqualTo(ChangeKind.UNKNOWN);
        assertThatThrownBy(() -> module.apply(ctx, a)).hasMessageContaining("/listening on [0-9]+/ in " + log);
        Files.writeString(log, "starting\nlistening on 8080\n");
        assertThat(module.check(plan, a).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(module.apply(ctx, a).failed()).isFalse();
    }

    @Test
    void urlIsHealthyOn2xxAnd3xxOnly() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", ex -> reply(ex, 200));
        server.createContext("/moved", ex -> reply(ex, 302));
        server.createContext("/broken", ex -> reply(ex, 503));
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(module.check(plan, args(Map.of("url", base + "/ok"))).kind()).isEqualTo(ChangeKind.NONE);
            assertThat(module.check(plan, args(Map.of("url", base + "/moved"))).kind()).isEqualTo(ChangeKind.NONE);
            assertThat(module.check(plan, args(Map.of("url", base + "/broken"))).kind()).isEqualTo(ChangeKind.UNKNOWN);
            assertThatThrownBy(() -> module.apply(ctx, args(Map.of("url", base + "/broken", "timeout", "300ms"))))
                    .hasMessageContaining("/broken to answer 2xx/3xx");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void validationNamesTheMistake() throws Exception {
        assertThat(module.validate(args(Map.of()))).containsExactly("wait_for needs exactly one of port, path or url");
        // arguments that were templates are only checked once rendered, when the step runs
        assertThatThrownBy(() -> module.apply(ctx, args(Map.of()))).isInstanceOf(ModuleException.class)
                .hasMessage("wait_for needs exactly one of port, path or url");
        assertThat(module.validate(args(Map.of("port", 80, "state", "absent"))))
                .anyMatch(p -> p.contains("use started or stopped"));
        assertThat(module.validate(args(Map.of("port", 80, "search_regex", "x"))))
                .anyMatch(p -> p.contains("search_regex needs path"));
    }

    /** Accepts (and drops) connections so probes never fill the backlog. */
    private static void acceptAndClose(ServerSocket s) {
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try {
                    s.accept().close();
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int code) throws java.io.IOException {
        ex.sendResponseHeaders(code, -1);
        ex.close();
    }
}
