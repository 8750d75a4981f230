package dev.runbook.opencart;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real OpenCart release zips (GitHub's archive layout, 18-25 MB each, too big for the repository),
 * served from a local HTTP server on 127.0.0.1 so the runbook downloads and checks them for real.
 * They are looked up in {@code -Dopencart.releases}, {@code $OPENCART_RELEASES},
 * {@code ~/.cache/runbook/opencart-releases} (where {@code .ci/fetch-opencart-releases.sh}
 * puts them) and {@code ../shared/opencart/releases} beside the checkout; each is checked against the SHA256SUMS
 * committed beside the tests.
 */
final class OpenCartReleases implements AutoCloseable {
    static final List<String> VERSIONS = List.of("4.0.2.1", "4.0.2.3", "4.1.0.3", "4.1.0.4");

    private final Path dir;
    private final HttpServer server;
    private final Map<String, byte[]> extra = new LinkedHashMap<>();

    private OpenCartReleases(Path dir, HttpServer server) {
        this.dir = dir;
        this.server = server;
    }

    static OpenCartReleases serve() throws IOException {
        Path dir = locate();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        OpenCartReleases releases = new OpenCartReleases(dir, server);
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            byte[] body = releases.extra.get(name);
            Path file = dir.resolve(name).normalize();
            if (body == null && (name.contains("/") || !Files.isRegularFile(file))) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            long length = body != null ? body.length : Files.size(file);
            exchange.getResponseHeaders().add("Content-Type", "application/zip");
            exchange.sendResponseHeaders(200, length);
            try (OutputStream out = exchange.getResponseBody();
                    InputStream in = body != null ? new java.io.ByteArrayInputStream(body) : Files.newInputStream(file)) {
                in.transferTo(out);
            }
        });
        server.start();
        return releases;
    }

    /** Serves {@code bytes} under {@code /name} too (an extension package, a damaged release). */
    synchronized void add(String name, byte[] bytes) {
        extra.put(name, bytes);
    }

    String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    String releaseUrl(String version) {
        return url("opencart-" + version + ".zip");
    }

    Path zip(String version) {
        return dir.resolve("opencart-" + version + ".zip");
    }

    String sha256(String version) throws IOException {
        return sha256(Files.readAllBytes(zip(version)));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path locate() throws IOException {
        List<String> candidates = new java.util.ArrayList<>();
        if (System.getProperty("opencart.releases") != null) {
            candidates.add(System.getProperty("opencart.releases"));
        }
        if (System.getenv("OPENCART_RELEASES") != null) {
            candidates.add(System.getenv("OPENCART_RELEASES"));
        }
        candidates.add(System.getProperty("user.home") + "/.cache/runbook/opencart-releases");
        // a checkout that sits beside a shared folder of releases (tests run in engine/)
        candidates.add(Path.of("../../shared/opencart/releases").toAbsolutePath().normalize().toString());
        for (String c : candidates) {
            Path dir = Path.of(c);
            if (VERSIONS.stream().allMatch(v -> Files.isRegularFile(dir.resolve("opencart-" + v + ".zip")))) {
                verify(dir);
                return dir;
            }
        }
        throw new IllegalStateException("OpenCart release zips not found in " + candidates
                + ": run .ci/fetch-opencart-releases.sh (downloads them from GitHub and checks their sha256)");
    }

    private static void verify(Path dir) throws IOException {
        String sums;
        try (InputStream in = OpenCartReleases.class.getResourceAsStream("/opencart/SHA256SUMS")) {
            sums = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
        for (String line : sums.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && !sha256(Files.readAllBytes(dir.resolve(parts[1]))).equals(parts[0])) {
                throw new IllegalStateException(dir.resolve(parts[1]) + " does not match its sha256 in SHA256SUMS");
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
