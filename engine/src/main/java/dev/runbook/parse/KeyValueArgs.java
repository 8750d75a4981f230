package dev.runbook.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ansible's {@code key=value} argument strings ({@code debug: msg="hi {{ name }}"},
 * {@code file: path=/srv state=directory}): words split at spaces outside quotes and outside
 * {@code {{ }}} / {@code {% %}}, quotes around a value removed.
 */
final class KeyValueArgs {
    private KeyValueArgs() {
    }

    /** The arguments, when every word is {@code key=value}; else empty. */
    static Optional<Map<String, Object>> parse(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String word : words(text)) {
            int eq = word.indexOf('=');
            if (eq <= 0 || !word.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return Optional.empty();
            }
            out.put(word.substring(0, eq), unquote(word.substring(eq + 1)));
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        int jinja = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
            if (quote == 0 && (two.equals("{{") || two.equals("{%"))) {
                jinja++;
            } else if (quote == 0 && jinja > 0 && (two.equals("}}") || two.equals("%}"))) {
                jinja--;
            }
            if (quote != 0) {
                if (c == quote && text.charAt(i - 1) != '\\') {
                    quote = 0;
                }
            } else if ((c == '"' || c == '\'') && jinja == 0) {
                quote = c;
            } else if (Character.isWhitespace(c) && jinja == 0) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                continue;
            }
            cur.append(c);
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
