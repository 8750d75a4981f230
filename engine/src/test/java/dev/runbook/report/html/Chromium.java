package dev.runbook.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.testing.DebianPackages;
import dev.runbook.testing.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium driven over the DevTools protocol on 127.0.0.1: open a page, wait for its
 * load event, evaluate expressions in it. Every request the browser makes goes to a proxy on
 * 127.0.0.1 ({@code proxyPort}); the browser is stopped by its pid.
 */
final class Chromium implements AutoCloseable {
    static final String BINARY = "/usr/bin/chromium";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    private Chromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    static Chromium start(Path profile, int proxyPort) throws Exception {
        DebianPackages.ensure(BINARY, "chromium");
        Process p = new ProcessBuilder(BINARY, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--remote-debugging-port=0",
                "--proxy-server=http://127.0.0.1:" + proxyPort, "--user-data-dir=" + profile, "--window-size=1280,1000",
                "about:blank").redirectErrorStream(true).redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
                .start();
        try {
            Path active = profile.resolve("DevToolsActivePort");
            Ports.await("chromium's DevToolsActivePort", Duration.ofSeconds(60), () -> lines(active) >= 2);
            int port = Integer.parseInt(Files.readAllLines(active).get(0).strip());
            HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
            JsonNode list = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            String ws = null;
            for (JsonNode t : list) {
                if ("page".equals(t.path("type").asText())) {
                    ws = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (ws == null) {
                throw new IllegalStateException("chromium shows no page: " + list);
            }
            Chromium[] self = new Chromium[1];
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket s, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        String msg = text.toString();
                        text.setLength(0);
                        self[0].receive(msg);
                    }
                    s.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            self[0] = new Chromium(p, socket);
            return self[0];
        } catch (Exception e) {
            stop(p);
            throw e;
        }
    }

    private static int lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            return 0; // being written
        }
    }

    private void receive(String msg) {
        try {
            JsonNode n = JSON.readTree(msg);
            if (n.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(n.get("id").asInt());
                if (f != null) {
                    f.complete(n);
                }
            } else {
                events.add(n);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).get(30, TimeUnit.SECONDS);
        JsonNode r = f.get(120, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + ": " + r.get("error"));
        }
        return r.get("result");
    }

    /** Opens {@code url} and returns once its load event fired. */
    void open(String url) throws Exception {
        call("Page.enable", Map.of());
        events.clear();
        call("Page.navigate", Map.of("url", url));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            JsonNode e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new IllegalStateException("no load event for " + url + " within 120 s");
            }
            if ("Page.loadEventFired".equals(e.path("method").asText())) {
                return;
            }
        }
    }

    /** The value of a JavaScript expression in the page (evaluated by the browser's tools, not by the page). */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException(expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Clicks what a CSS selector finds first, as a person would (a real mouse event at its centre). */
    void click(String selector) throws Exception {
        JsonNode box = eval("(() => { const e = document.querySelector(" + JSON.writeValueAsString(selector) + ");"
                + " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " return [r.left + Math.min(r.width / 2, 40), r.top + r.height / 2]; })()");
        double x = box.get(0).asDouble();
        double y = box.get(1).asDouble();
        for (String type : List.of("mousePressed", "mouseReleased")) {
            call("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
        }
    }

    /** A PNG of the top {@code width} × {@code height} pixels of the page. */
    byte[] screenshot(int width, int height) throws Exception {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        try {
            JsonNode r = call("Page.captureScreenshot", Map.of("format", "png"));
            return java.util.Base64.getDecoder().decode(r.get("data").asText());
        } finally {
            call("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Override
    public void close() {
        socket.abort();
        stop(process);
    }

    private static void stop(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
