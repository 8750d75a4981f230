package dev.runbook.modules.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A sysctl configuration file edited with ansible.posix.sysctl's exact rules: comments
 * ({@code #}, {@code ;}), blank lines and lines without '=' are kept; every other line is
 * rewritten {@code key=value} (spaces around '=' dropped) and only the first line of each key
 * is kept; the managed key's first line gets the new value (or goes, for absent); a key not in
 * the file is appended. The value a key has "in the file" is its last line's.
 */
final class SysctlFile {
    private static final Set<String> TRUE = Set.of("yes", "on", "1", "true");
    private static final Set<String> FALSE = Set.of("no", "off", "0", "false");

    private SysctlFile() {
    }

    /** Ansible's _parse_value: booleans become 1 and 0, strings are stripped. */
    static String value(Object raw) {
        if (raw == null) {
            return "";
        }
        if (raw instanceof Boolean b) {
            return b ? "1" : "0";
        }
        String s = String.valueOf(raw).strip();
        String lower = s.toLowerCase(Locale.ROOT);
        return TRUE.contains(lower) ? "1" : FALSE.contains(lower) ? "0" : s;
    }

    /** Values are equal when their whitespace-separated words are (the kernel separates with tabs). */
    static boolean sameValue(String a, String b) {
        return a != null && b != null && List.of(a.strip().split("\\s+")).equals(List.of(b.strip().split("\\s+")));
    }

    private static boolean keeps(String line) {
        String t = line.strip();
        return t.isEmpty() || t.startsWith("#") || t.startsWith(";") || !t.contains("=");
    }

    /** Each key's value in the file (the last line of a key wins). */
    static Map<String, String> values(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines(text)) {
            if (!keeps(line)) {
                String t = line.strip();
                int eq = t.indexOf('=');
                out.put(t.substring(0, eq).strip(), t.substring(eq + 1).strip());
            }
        }
        return out;
    }

    /** The file after setting (value non-null) or removing (value null) {@code key}. */
    static String edit(String text, String key, String value) {
        List<String> checked = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        for (String line : lines(text)) {
            if (keeps(line)) {
                out.append(line).append('\n');
                continue;
            }
            String t = line.strip();
            int eq = t.indexOf('=');
            String k = t.substring(0, eq).strip();
            String v = t.substring(eq + 1).strip();
            if (checked.contains(k)) {
                continue;
            }
            checked.add(k);
            if (!k.equals(key)) {
                out.append(k).append('=').append(v).append('\n');
            } else if (value != null) {
                out.append(k).append('=').append(value).append('\n');
            }
        }
        if (!checked.contains(key) && value != null) {
            out.append(key).append('=').append(value).append('\n');
        }
        return out.toString();
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(body.split("\n", -1));
    }
}
