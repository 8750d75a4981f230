package dev.runbook.template.jinja;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** JSON written the way Python's json.dumps writes it, which is what Ansible's to_json uses. */
final class Json {
    private Json() {
    }

    /** {@code indent < 0} gives one line with ", " and ": " separators, as json.dumps does. */
    static String write(Object v, int indent, boolean sortKeys) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, indent, sortKeys, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int indent, boolean sortKeys, int depth) {
        if (v instanceof Undefined u) {
            throw new FilterFailure("'" + u.name() + "' is undefined");
        } else if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean || Py.isIntegral(v)) {
            sb.append(v);
        } else if (v instanceof Number n) {
            sb.append(Py.floatRepr(n.doubleValue()));
        } else if (v instanceof Map<?, ?> m) {
            writeMap(sb, sortKeys ? sorted(m) : m, indent, sortKeys, depth);
        } else if (v instanceof Collection<?> || v.getClass().isArray()) {
            writeList(sb, Py.list(v), indent, sortKeys, depth);
        } else {
            string(sb, v.toString());
        }
    }

    private static Map<?, ?> sorted(Map<?, ?> m) {
        Map<String, Object> out = new TreeMap<>();
        m.forEach((k, val) -> out.put(String.valueOf(k), val));
        return out;
    }

    private static void writeMap(StringBuilder sb, Map<?, ?> m, int indent, boolean sortKeys, int depth) {
        if (m.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            separator(sb, first, indent, depth + 1);
            first = false;
            string(sb, String.valueOf(e.getKey()));
            sb.append(": ");
            write(sb, e.getValue(), indent, sortKeys, depth + 1);
        }
        closing(sb, indent, depth);
        sb.append('}');
    }

    private static void writeList(StringBuilder sb, Collection<?> items, int indent, boolean sortKeys, int depth) {
        if (items.isEmpty()) {
            sb.append("[]");
            return;
        }
        sb.append('[');
        boolean first = true;
        for (Object o : items) {
            separator(sb, first, indent, depth + 1);
            first = false;
            write(sb, o, indent, sortKeys, depth + 1);
        }
        closing(sb, indent, depth);
        sb.append(']');
    }

    private static void separator(StringBuilder sb, boolean first, int indent, int depth) {
        if (indent < 0) {
            sb.append(first ? "" : ", ");
        } else {
            sb.append(first ? "\n" : ",\n").append(" ".repeat(indent * depth));
        }
    }

    private static void closing(StringBuilder sb, int indent, int depth) {
        if (indent >= 0) {
            sb.append('\n').append(" ".repeat(indent * depth));
        }
    }

    /** ensure_ascii: everything outside printable ASCII is a \\u escape. */
    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
