package dev.runbook.template.jinja;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2 loop forms jinjava would render differently without a word (it ignores them): an
 * {@code else} block of a for loop and a loop filter ({@code for x in xs if x.ok}). Refused with
 * a clear error instead, naming what to write.
 */
final class UnsupportedTags {
    private static final Pattern TAG = Pattern.compile("\\{%[-+]?\\s*(\\w+)(.*?)[-+]?%}", Pattern.DOTALL);
    private static final Pattern LOOP_FILTER = Pattern.compile("\\sif\\s");
    private static final Pattern INLINE_ELSE = Pattern.compile("\\selse\\s");

    private UnsupportedTags() {
    }

    static void check(String template) {
        if (!template.contains("{%")) {
            return;
        }
        Deque<String> open = new ArrayDeque<>();
        Matcher m = TAG.matcher(template);
        while (m.find()) {
            String name = m.group(1);
            String body = withoutStrings(m.group(2)) + " ";
            switch (name) {
                case "raw" -> {
                    int end = template.indexOf("endraw", m.end());
                    if (end < 0) {
                        return;
                    }
                    m.region(end, template.length());
                }
                case "for" -> {
                    if (LOOP_FILTER.matcher(body).find() && !INLINE_ELSE.matcher(body).find()) {
                        throw new FilterFailure("a loop filter ('{% for ... if ... %}') is not supported:"
                            + " filter the list instead, e.g. 'for u in users | selectattr(...)'");
                    }
                    open.push(name);
                }
                case "if" -> open.push(name);
                case "endfor", "endif" -> open.poll();
                case "else" -> {
                    if ("for".equals(open.peek())) {
                        throw new FilterFailure("'{% else %}' in a for loop is not supported:"
                            + " test the list first, e.g. '{% if items %}...{% else %}...{% endif %}'");
                    }
                }
                default -> { }
            }
        }
    }

    private static String withoutStrings(String s) {
        return s.replaceAll("'[^']*'|\"[^\"]*\"", "''");
    }
}
