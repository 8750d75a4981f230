package dev.runbook.template.jinja;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ansible's inline {@code key=value} lookup terms ({@code parse_kv}): free words and options, quotes honoured. */
record LookupKv(List<String> words, Map<String, String> options) {
    static LookupKv parse(String term) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (String w : split(term)) {
            int eq = w.indexOf('=');
            if (eq > 0 && !w.startsWith("'") && !w.startsWith("\"")) {
                options.put(w.substring(0, eq), unquote(w.substring(eq + 1)));
            } else {
                words.add(unquote(w));
            }
        }
        return new LookupKv(List.copyOf(words), options);
    }

    /** The free words joined by one space, as {@code _raw_params}; null when there are none. */
    String raw() {
        return words.isEmpty() ? null : String.join(" ", words);
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                cur.append(c);
                if (c == quote && s.charAt(i - 1) != '\\') {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                cur.append(c);
            } else if (Character.isWhitespace(c)) {
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
