package dev.runbook.template.jinja;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's backslash rule for templates written in YAML (task arguments, vars, conditions with
 * braces): before Jinja2 reads the text, every backslash inside a string literal of a
 * {@code {{ }}} block is doubled, so {@code regex_replace('(\w+)', '\1')} written in a playbook
 * means what it says. Not inside {@code {% %}} tags, not in template files (the template module
 * reads those as written). Mirrors ansible.template._escape_backslashes (ansible-core 2.14).
 */
public final class AnsibleEscapes {
    private static final Pattern STRING = Pattern.compile("'([^'\\\\]*(?:\\\\.[^'\\\\]*)*)'|\"([^\"\\\\]*(?:\\\\.[^\"\\\\]*)*)\"",
        Pattern.DOTALL);

    private AnsibleEscapes() {
    }

    public static String doubleBackslashes(String s) {
        if (s.indexOf('\\') < 0 || !s.contains("{{")) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("{#", i)) {
                int end = s.indexOf("#}", i + 2);
                int stop = end < 0 ? s.length() : end + 2;
                out.append(s, i, stop);
                i = stop;
            } else if (s.startsWith("{%", i)) {
                i = copyTag(s, i, out);
            } else if (s.startsWith("{{", i)) {
                out.append("{{");
                i = expression(s, i + 2, out);
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    /** A tag is copied as is; a raw block up to its endraw tag too. */
    private static int copyTag(String s, int open, StringBuilder out) {
        int end = s.indexOf("%}", open + 2);
        int stop = end < 0 ? s.length() : end + 2;
        String body = s.substring(open + 2, Math.max(open + 2, stop - 2)).replace("-", "").trim();
        if (body.equals("raw")) {
            int endRaw = s.indexOf("endraw", stop);
            int close = endRaw < 0 ? -1 : s.indexOf("%}", endRaw);
            stop = close < 0 ? s.length() : close + 2;
        }
        out.append(s, open, stop);
        return stop;
    }

    private static int expression(String s, int from, StringBuilder out) {
        int i = from;
        int depth = 0;
        Matcher m = STRING.matcher(s);
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("}}", i) && depth == 0) {
                out.append("}}");
                return i + 2;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            }
            if ((c == '\'' || c == '"') && m.region(i, s.length()).lookingAt()) {
                out.append(m.group().replace("\\", "\\\\"));
                i = m.end();
            } else {
                out.append(c);
                i++;
            }
        }
        return i;
    }
}
