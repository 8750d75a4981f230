package dev.runbook.modules.net;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The cookies of the {@code http} tasks of one step on one host: what a server set (a login's
 * session) is sent again by later requests whose URL matches the cookie's domain and path, as a
 * browser would. Thread-safe: tasks of a step run in order, but a step may be replayed by retries.
 */
final class CookieJar {
    private final CookieManager manager = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

    /** The cookies due to {@code uri}, as one {@code name=value; ...} header value (empty when none). */
    synchronized String headerFor(URI uri) {
        try {
            StringJoiner j = new StringJoiner("; ");
            for (Map.Entry<String, List<String>> e : manager.get(uri, Map.of()).entrySet()) {
                e.getValue().forEach(j::add);
            }
            return j.toString();
        } catch (IOException e) {
            return "";
        }
    }

    /** Keeps the cookies a reply from {@code uri} set. */
    synchronized void store(URI uri, Map<String, List<String>> responseHeaders) {
        try {
            manager.put(uri, responseHeaders);
        } catch (IOException e) {
            // a malformed Set-Cookie is ignored, as browsers do
        }
    }

    /** Every cookie in the jar, name to value, whatever its path (Ansible's {@code cookies}). */
    synchronized Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (HttpCookie c : manager.getCookieStore().getCookies()) {
            out.put(c.getName(), c.getValue());
        }
        return out;
    }

    /** Every cookie as a Cookie header value (Ansible's {@code cookies_string}). */
    synchronized String asString() {
        StringJoiner j = new StringJoiner("; ");
        for (HttpCookie c : manager.getCookieStore().getCookies()) {
            j.add(c.getName() + "=" + c.getValue());
        }
        return j.toString();
    }
}
