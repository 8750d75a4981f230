package dev.runbook.modules.net;

import dev.runbook.modules.ModuleException;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP client of one task: its cookies are kept across every request the task makes (a
 * login, then the protected pages), and forgotten when the task ends.
 */
final class HttpSession {
    private final HttpClient client;
    private final Map<String, String> headers;
    private final Duration timeout;

    /** What came back from one request. */
    record Reply(URI uri, int status, String body, String contentType) {
    }

    HttpSession(Map<String, String> headers, Duration timeout, boolean validateCerts, boolean followRedirects,
                String user, String password) throws ModuleException {
        HttpClient.Builder b = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .connectTimeout(timeout);
        if (!validateCerts) {
            b.sslContext(trustingEveryone());
        }
        this.client = b.build();
        java.util.LinkedHashMap<String, String> h = new java.util.LinkedHashMap<>(headers);
        if (user != null) {
            String token = user + ":" + (password == null ? "" : password);
            h.putIfAbsent("Authorization", "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        }
        this.headers = Map.copyOf(h);
        this.timeout = timeout;
    }

    Reply send(String method, URI uri, String body, String contentType) throws ModuleException, InterruptedException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(rb::header);
        if (contentType != null && headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Content-Type"))) {
            rb.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.uri(), r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (HttpTimeoutException e) {
            throw new ModuleException(method + " " + uri + ": no answer within " + timeout.toSeconds() + "s (timeout)");
        } catch (IOException e) {
            throw new ModuleException(method + " " + uri + " failed: " + describe(e));
        } catch (IllegalArgumentException e) {
            throw new ModuleException("cannot send " + method + " " + uri + ": " + e.getMessage());
        }
    }

    private static String describe(IOException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("PKIX") || m.contains("subject alternative") || m.contains("No name matching")) {
                return "the server's TLS certificate is not trusted here (self-signed, an unknown CA or another host "
                        + "name; validate_certs: false accepts it): " + m.replaceAll("^[\\w.]+Exception: ", "");
            }
        }
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (t instanceof java.net.ConnectException) {
            return "connection refused" + (m == null || m.isBlank() ? "" : " (" + m + ")");
        }
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** For validate_certs: false (self-signed staging servers): no chain and no host name check. */
    private static SSLContext trustingEveryone() throws ModuleException {
        X509ExtendedTrustManager all = new X509ExtendedTrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) { }
            @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) { }
            @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
            @Override public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {all}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new ModuleException("cannot set up TLS without certificate checks: " + e.getMessage());
        }
    }

    /** The first five lines of a body, for failure messages. */
    static String firstLines(String body) {
        List<String> lines = body.strip().lines().limit(5).toList();
        return lines.isEmpty() ? "(empty body)" : String.join("\n", lines);
    }
}
