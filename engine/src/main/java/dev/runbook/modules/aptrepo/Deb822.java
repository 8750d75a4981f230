package dev.runbook.modules.aptrepo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * deb822 sources ({@code *.sources}): stanzas of {@code Field: value} lines separated by blank
 * lines, continuation lines indented. Read to know whether a one-line source is already
 * configured there (Debian 12 and Ubuntu 24.04 keep their own repositories in such files).
 */
final class Deb822 {
    private Deb822() {
    }

    /** The stanzas of a file, field names lower-cased; comment lines are skipped. */
    static List<Map<String, String>> parse(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> cur = new LinkedHashMap<>();
        String last = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                if (!cur.isEmpty()) {
                    out.add(cur);
                    cur = new LinkedHashMap<>();
                }
                last = null;
            } else if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                cur.put(last, cur.get(last) + "\n" + line.strip());
            } else if (line.contains(":")) {
                last = line.substring(0, line.indexOf(':')).strip().toLowerCase(Locale.ROOT);
                cur.put(last, line.substring(line.indexOf(':') + 1).strip());
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    /**
     * Whether an enabled stanza already gives this one-line source: same type, URI, suite, all
     * its components, and the same signed-by key when the line names one.
     */
    static boolean covers(Map<String, String> stanza, String source) {
        OneLine s = OneLine.parse(source);
        if (s == null || "no".equalsIgnoreCase(stanza.getOrDefault("enabled", "yes").strip())) {
            return false;
        }
        if (!words(stanza.get("types")).contains(s.type())) {
            return false;
        }
        boolean uri = words(stanza.get("uris")).stream().anyMatch(u -> trimSlash(u).equals(trimSlash(s.uri())));
        if (!uri || !words(stanza.get("suites")).contains(s.suite())
                || !words(stanza.get("components")).containsAll(s.components())) {
            return false;
        }
        String key = s.options().get("signed-by");
        return key == null || key.equals(stanza.getOrDefault("signed-by", "").strip());
    }

    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
    }

    private static String trimSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** {@code deb [opt=v ...] uri suite [component...]}. */
    record OneLine(String type, Map<String, String> options, String uri, String suite, List<String> components) {
        static OneLine parse(String source) {
            String rest = source.strip();
            int sp = rest.indexOf(' ');
            if (sp < 0) {
                return null;
            }
            String type = rest.substring(0, sp);
            rest = rest.substring(sp).strip();
            Map<String, String> options = new LinkedHashMap<>();
            if (rest.startsWith("[")) {
                int close = rest.indexOf(']');
                if (close < 0) {
                    return null;
                }
                for (String o : rest.substring(1, close).strip().split("\\s+")) {
                    int eq = o.indexOf('=');
                    if (eq > 0) {
                        options.put(o.substring(0, eq).toLowerCase(Locale.ROOT), o.substring(eq + 1));
                    }
                }
                rest = rest.substring(close + 1).strip();
            }
            String[] w = rest.split("\\s+");
            if (w.length < 2) {
                return null;
            }
            return new OneLine(type, options, w[0], w[1], List.of(w).subList(2, w.length));
        }
    }
}
