package dev.runbook.modules.net;

import dev.runbook.modules.ModuleException;
import java.io.IOException;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP client of one task. Cookies live in a {@link CookieJar} that the step shares between
 * its http tasks (a login, then the protected pages); cookies given explicitly (a {@code Cookie}
 * header or the {@code cookies} argument) are sent with every request, merged with the jar's into
 * one header. Redirects are followed here rather than by the JDK client, so that cookies set by a
 * redirecting reply (a login's 302) are kept and sent to the next URL.
 */
final class HttpSession {
    static final int MAX_REDIRECTS = 20;
    private final HttpClient client;
    private final Map<String, String> headers;
    private final Map<String, String> explicitCookies;
    private final CookieJar jar;
    private final boolean followRedirects;
    private final Duration timeout;

    /** What came back from one request. */
    record Reply(URI uri, int status, String body, String contentType, Map<String, List<String>> headers) {
        Reply {
            headers = Map.copyOf(headers);
        }
    }

    /** How to talk to the server; {@code cookies} are sent with every request, over the jar's. */
    record Options(Map<String, String> headers, Map<String, String> cookies, Duration timeout, boolean validateCerts,
                   boolean followRedirects, String user, String password) {
    }

    HttpSession(Options o, CookieJar jar) throws ModuleException {
        HttpClient.Builder b = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(o.timeout());
        if (!o.validateCerts()) {
            b.sslContext(trustingEveryone());
        }
        this.client = b.build();
        Map<String, String> h = new LinkedHashMap<>();
        Map<String, String> cookies = new LinkedHashMap<>(o.cookies());
        o.headers().forEach((k, v) -> {
            if (k.equalsIgnoreCase("Cookie")) {
                cookies.putAll(parseCookieHeader(v));
            } else {
                h.put(k, v);
            }
        });
        if (o.user() != null) {
            String token = o.user() + ":" + (o.password() == null ? "" : o.password());
            h.putIfAbsent("Authorization", "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        }
        this.headers = Map.copyOf(h);
        this.explicitCookies = Collections.unmodifiableMap(cookies);
        this.jar = jar;
        this.followRedirects = o.followRedirects();
        this.timeout = o.timeout();
    }

    CookieJar jar() {
        return jar;
    }

    /** Sends one request, following redirects when asked; the reply is the last one. */
    Reply send(String method, URI uri, String body, String contentType) throws ModuleException, InterruptedException {
        String m = method;
        String b = body;
        String type = contentType;
        URI at = uri;
        for (int hop = 0; ; hop++) {
            Reply r = sendOnce(m, at, b, type);
            String location = r.headers().getOrDefault("location", List.of()).stream().findFirst().orElse(null);
            if (!followRedirects || location == null || !isRedirect(r.status())) {
                return r;
            }
            if (hop >= MAX_REDIRECTS) {
                throw new ModuleException(method + " " + uri + ": more than " + MAX_REDIRECTS + " redirects (the last to " + location + ")");
            }
            // as browsers: 303 (and 301/302 after a POST) turn into a GET without a body
            if (r.status() == 303 && !m.equals("HEAD") || (r.status() == 301 || r.status() == 302) && m.equals("POST")) {
                m = "GET";
                b = null;
                type = null;
            }
            at = at.resolve(location.strip());
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private Reply sendOnce(String method, URI uri, String body, String contentType) throws ModuleException, InterruptedException {
        HttpRequest.Builder rb;
        try {
            rb = HttpRequest.newBuilder(uri).timeout(timeout)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(rb::header);
            if (contentType != null && headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Content-Type"))) {
                rb.header("Content-Type", contentType);
            }
            String cookie = cookieHeader(uri);
            if (!cookie.isEmpty()) {
                rb.header("Cookie", cookie);
            }
        } catch (IllegalArgumentException e) {
            throw new ModuleException("cannot send " + method + " " + uri + ": " + e.getMessage());
        }
        try {
            HttpResponse<String> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofString());
            jar.store(r.uri(), r.headers().map());
            return new Reply(r.uri(), r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""), r.headers().map());
        } catch (HttpTimeoutException e) {
            throw new ModuleException(method + " " + uri + ": no answer within " + timeout.toSeconds() + "s (timeout)");
        } catch (IOException e) {
            throw new ModuleException(method + " " + uri + " failed: " + describe(e));
        } catch (IllegalArgumentException e) {
            throw new ModuleException("cannot send " + method + " " + uri + ": " + e.getMessage());
        }
    }

    /** Explicit cookies first, then the jar's cookies for this URL that were not given explicitly. */
    private String cookieHeader(URI uri) {
        Map<String, String> all = new LinkedHashMap<>(explicitCookies);
        parseCookieHeader(jar.headerFor(uri)).forEach(all::putIfAbsent);
        StringJoiner j = new StringJoiner("; ");
        all.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    /** {@code a=1; b=2} as a map (a part without '=' is a name with an empty value). */
    static Map<String, String> parseCookieHeader(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String value = eq < 0 ? "" : p.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(eq < 0 ? p : p.substring(0, eq).strip(), value);
        }
        return out;
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
