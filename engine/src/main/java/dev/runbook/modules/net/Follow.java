package dev.runbook.modules.net;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * How to walk a chain of JSON replies, each naming the next URL (OpenCart's upgrade and
 * installer steps: {@code next} while there is more, {@code success} when finished, {@code error}
 * on failure). Field names may be dotted paths into nested objects ({@code data.next}).
 *
 * @param doneValue when non-null, {@code done} holds only when the field equals it
 */
record Follow(String next, String done, String doneValue, String error, int maxSteps) {
    static final int DEFAULT_MAX_STEPS = 50;

    /** From the {@code follow} argument: {@code true} (all defaults) or a map; null when absent/false. */
    static Follow from(Object value) {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (value == null || value instanceof Boolean b && !b || "false".equals(String.valueOf(value))) {
            return null;
        }
        Map<?, ?> m = value instanceof Map<?, ?> map ? map : Map.of();
        String doneSpec = str(m.get("done"), "success");
        String doneValue = null;
        int eq = doneSpec.indexOf("==");
        if (eq > 0) {
            doneValue = unquote(doneSpec.substring(eq + 2).trim());
            doneSpec = doneSpec.substring(0, eq).trim();
        }
        Object max = m.get("max_steps");
        return new Follow(str(m.get("next"), "next"), doneSpec, doneValue, str(m.get("error"), "error"),
                max == null ? DEFAULT_MAX_STEPS : Integer.parseInt(String.valueOf(max).trim()));
    }

    /** Problems with a {@code follow} value, for validation. */
    static String problem(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Map || String.valueOf(value).matches("true|false")) {
            if (value instanceof Map<?, ?> m) {
                for (Object k : m.keySet()) {
                    if (!java.util.List.of("next", "done", "error", "max_steps").contains(String.valueOf(k))) {
                        return "follow: unknown key '" + k + "' (expected next, done, error, max_steps)";
                    }
                }
                Object max = m.get("max_steps");
                if (max != null && !String.valueOf(max).matches("[1-9][0-9]*")) {
                    return "follow: max_steps must be a positive whole number, got '" + max + "'";
                }
            }
            return null;
        }
        return "follow must be true or a map like {next: next, done: success, error: error, max_steps: 50}";
    }

    private static String str(Object v, String dflt) {
        return v == null || String.valueOf(v).isBlank() ? dflt : String.valueOf(v).trim();
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\""))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** The text at a dotted path ({@code a.b.0.c}), or null when missing, null or empty. */
    static String text(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            if (n == null) {
                return null;
            }
            n = n.isArray() && part.matches("\\d+") ? n.get(Integer.parseInt(part)) : n.get(part);
        }
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        String s = n.isValueNode() ? n.asText() : n.toString();
        return s.isEmpty() || n.isBoolean() && !n.asBoolean() ? null : s;
    }

    String errorIn(JsonNode reply) {
        return text(reply, error);
    }

    String nextIn(JsonNode reply) {
        String url = text(reply, next);
        // PHP applications often put HTML-escaped links in JSON (&amp; between query parameters)
        return url == null ? null : url.replace("&amp;", "&");
    }

    boolean doneIn(JsonNode reply) {
        String v = text(reply, done);
        return doneValue == null ? v != null : doneValue.equals(v);
    }
}
