package dev.runbook.template.jinja;

import java.util.List;
import java.util.Map;

/** Attribute lookup for filters that take an attribute name ({@code selectattr('a.b')}). */
final class Attr {
    private Attr() {
    }

    /** The value at a dotted path, or an {@link Undefined} naming the missing part. */
    static Object get(Object item, String dotted) {
        Object current = item;
        for (String part : dotted.split("\\.")) {
            if (current instanceof Map<?, ?> m && m.containsKey(part)) {
                current = m.get(part);
            } else if (current instanceof List<?> l && part.matches("\\d+") && Integer.parseInt(part) < l.size()) {
                current = l.get(Integer.parseInt(part));
            } else if (current instanceof String s && part.matches("\\d+") && Integer.parseInt(part) < s.length()) {
                current = String.valueOf(s.charAt(Integer.parseInt(part)));
            } else if (current instanceof Undefined) {
                return current;
            } else {
                return missing(dotted, current, part);
            }
        }
        return current;
    }

    private static Object missing(String dotted, Object current, String part) {
        String detail = "an item (" + Py.typeName(current) + ") has no attribute '" + part + "'";
        RenderState state = RenderContext.current();
        if (state == null) {
            throw new FilterFailure(detail);
        }
        return state.undefined(dotted, detail);
    }
}
