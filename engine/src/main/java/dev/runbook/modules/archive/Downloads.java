package dev.runbook.modules.archive;

import dev.runbook.modules.ModuleException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * Downloads on the controller, kept in a cache keyed by URL and expected checksum, so a release
 * fetched once is sent to every host without fetching it again. A cached file is reused only
 * when a checksum vouches for it.
 */
final class Downloads {
    private final Path dir;

    Downloads(Path dir) {
        this.dir = dir;
    }

    /** ~/.cache/runbook/downloads, or under $XDG_CACHE_HOME when set. */
    static Path defaultDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("runbook").resolve("downloads");
    }

    /** The file for {@code url}, fetched unless a cached copy matches {@code sha256} (may be null). */
    Path fetch(String url, Map<String, Object> headers, Duration timeout, String sha256) throws ModuleException {
        Path cached = dir.resolve(PlanReport.digest(url + "\n" + (sha256 == null ? "" : sha256)) + ".download");
        try {
            if (sha256 != null && Files.isRegularFile(cached) && sha256.equals(hash(cached))) {
                return cached;
            }
            Files.createDirectories(dir);
            Path part = Files.createTempFile(dir, "part-", ".tmp");
            try {
                get(url, headers, timeout, part);
                String actual = hash(part);
                if (sha256 != null && !sha256.equals(actual)) {
                    throw new ModuleException(GetUrl.mismatch(url, sha256, actual));
                }
                move(part, cached);
            } finally {
                Files.deleteIfExists(part);
            }
            return cached;
        } catch (IOException e) {
            throw new ModuleException("cannot download " + url + " on the controller: " + e.getMessage(), e);
        }
    }

    private static void get(String url, Map<String, Object> headers, Duration timeout, Path to)
            throws IOException, ModuleException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout).build();
        HttpRequest.Builder req;
        try {
            req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        } catch (IllegalArgumentException e) {
            throw new ModuleException("cannot request " + url + ": " + e.getMessage());
        }
        for (Map.Entry<String, Object> h : headers.entrySet()) {
            try {
                req.header(h.getKey(), String.valueOf(h.getValue()));
            } catch (IllegalArgumentException e) {
                // The value may be a token: name the header only.
                throw new ModuleException("header '" + h.getKey() + "' cannot be sent from the controller "
                        + "(a restricted name such as Host, or a value with a line break)");
            }
        }
        try {
            HttpResponse<InputStream> r = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = r.body()) {
                if (r.statusCode() / 100 != 2) {
                    throw new ModuleException("GET " + url + " answered HTTP " + r.statusCode()
                            + snippet(body.readNBytes(200)));
                }
                Files.copy(body, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("download of " + url + " was interrupted");
        } catch (java.net.http.HttpTimeoutException e) {
            throw new ModuleException("download of " + url + " timed out after " + timeout.toSeconds() + " s");
        }
    }

    private static String snippet(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return s.isEmpty() ? "" : ": " + s;
    }

    static String hash(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ArchiveReader.sha256(in);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
