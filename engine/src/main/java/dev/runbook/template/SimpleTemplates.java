package dev.runbook.template;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The templates most runbooks are made of — {@code {{ webroot }}/index.php}, {@code
 * {{ result.stdout }}}, {@code changed_when: false} — answered with plain map lookups. Building
 * jinjava costs a third of a second at start-up; a run whose templates are all this simple never
 * pays it. Anything else, including a name that is not defined, goes to jinjava, so errors and
 * results stay exactly jinjava's.
 */
final class SimpleTemplates {
    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern EXPR = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*}}");
    /** Sentinel: the fast path does not apply. */
    static final Object NO = new Object();

    private SimpleTemplates() {
    }

    /** A bare expression: a literal boolean or a dotted name that is defined; else {@link #NO}. */
    static Object evaluate(String expression, Map<String, Object> vars) {
        String e = expression.trim();
        switch (e) {
            case "true", "True" -> {
                return Boolean.TRUE;
            }
            case "false", "False" -> {
                return Boolean.FALSE;
            }
            default -> { }
        }
        if (!PATH.matcher(e).matches()) {
            return NO;
        }
        Object cur = vars;
        for (String part : e.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m) || !m.containsKey(part)) {
                return NO;
            }
            cur = m.get(part);
        }
        return cur == null || isPlain(cur) ? cur : NO;
    }

    /**
     * Text with {@code {{ name }}} parts whose values are strings or whole numbers; else
     * {@link #NO}. Booleans, None, lists and maps are left to jinjava (Python's spelling).
     */
    static Object render(String template, Map<String, Object> vars) {
        if (template.contains("{%") || template.contains("{#")) {
            return NO;
        }
        Matcher m = EXPR.matcher(template);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            Object v = evaluate(m.group(1), vars);
            if (!(v instanceof String || v instanceof Integer || v instanceof Long)) {
                return NO;
            }
            out.append(template, last, m.start()).append(v);
            last = m.end();
        }
        String rest = template.substring(last);
        if (rest.contains("{{") || out.indexOf("{{") >= 0 || rest.contains("}}") && last == 0) {
            return NO;
        }
        return out.append(rest).toString();
    }

    private static boolean isPlain(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean
                || v instanceof java.util.List || v instanceof Map;
    }
}
