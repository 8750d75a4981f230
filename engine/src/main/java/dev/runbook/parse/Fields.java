package dev.runbook.parse;

import dev.runbook.model.Become;
import dev.runbook.model.Expr;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the fields that runbooks, steps, tasks and loop_control share (conditions, flags,
 * durations, become, vars) from a mapping's entries, reporting a wrong value as a diagnostic.
 */
final class Fields {
    private static final ArgSpec DURATION = ArgSpec.optional("timeout", ArgType.DURATION, null, "");

    private Fields() {
    }

    static Node value(Map<String, NodeTuple> e, String key) {
        return e.get(key).getValueNode();
    }

    /** A condition: a string, a boolean, or a list of strings (all must hold). */
    static Expr expr(NodeReader r, Map<String, NodeTuple> e, String key) {
        if (!e.containsKey(key)) {
            return null;
        }
        Node n = value(e, key);
        if (n instanceof SequenceNode seq) {
            List<String> parts = new ArrayList<>();
            for (Node item : seq.getValue()) {
                r.string(item, "each condition of " + key).ifPresent(s -> parts.add("(" + bare(s) + ")"));
            }
            return parts.isEmpty() ? null : new Expr(String.join(" and ", parts), r.span(n));
        }
        return r.string(n, key).map(s -> new Expr(bare(s), r.span(n))).orElse(null);
    }

    /** {@code when: "{{ x }}"} means {@code when: x}, as Ansible reads it. */
    static String bare(String s) {
        String t = s.strip();
        if (t.startsWith("{{") && t.endsWith("}}") && t.indexOf("{{", 2) < 0) {
            return t.substring(2, t.length() - 2).strip();
        }
        return t;
    }

    static boolean flag(NodeReader r, Map<String, NodeTuple> e, String key) {
        return e.containsKey(key) && r.bool(value(e, key), key).orElse(false);
    }

    static String optionalString(NodeReader r, Map<String, NodeTuple> e, String key) {
        return e.containsKey(key) ? r.string(value(e, key), key).orElse(null) : null;
    }

    static Duration duration(NodeReader r, Map<String, NodeTuple> e, String key) {
        if (!e.containsKey(key)) {
            return null;
        }
        Node n = value(e, key);
        try {
            return (Duration) Args.coerce(DURATION, r.data(n));
        } catch (IllegalArgumentException ex) {
            r.error(n, key + ": " + ex.getMessage());
            return null;
        }
    }

    static Become become(NodeReader r, Map<String, NodeTuple> e) {
        Boolean enabled = e.containsKey("become") ? r.bool(value(e, "become"), "become").orElse(null) : null;
        String user = optionalString(r, e, "become_user");
        String method = optionalString(r, e, "become_method");
        if (method != null && !method.equals("sudo")) {
            r.error(value(e, "become_method"), "become_method '" + method + "' is not supported", "use 'sudo'");
        }
        return new Become(enabled, user, method);
    }

    static Map<String, Object> vars(NodeReader r, Map<String, NodeTuple> e) {
        if (!e.containsKey("vars")) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        r.mapping(value(e, "vars"), "vars").ifPresent(m -> m.forEach((k, t) -> out.put(k, r.data(t.getValueNode()))));
        return out;
    }

    /** {@code notify:} a handler name or topic, or a list of them; empty names are refused. */
    static List<String> notify(NodeReader r, Map<String, NodeTuple> e) {
        if (!e.containsKey("notify")) {
            return List.of();
        }
        Node n = value(e, "notify");
        List<String> names = r.strings(n, "notify").orElse(List.of());
        for (String name : names) {
            if (name.isBlank()) {
                r.error(n, "notify names an empty handler", "write the name of a handler or a listen topic");
            }
        }
        return names.stream().filter(x -> !x.isBlank()).toList();
    }

    /** {@code tags:} a name or a list of names (numbers allowed, as Ansible). */
    static List<String> tags(NodeReader r, Map<String, NodeTuple> e) {
        if (!e.containsKey("tags")) {
            return List.of();
        }
        Node n = value(e, "tags");
        if (n instanceof SequenceNode seq) {
            List<String> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                Object v = r.data(item);
                if (v instanceof String || v instanceof Number) {
                    out.add(String.valueOf(v));
                } else {
                    r.error(item, "each tag must be a name, not " + NodeReader.describe(item));
                }
            }
            return out;
        }
        Object v = r.data(n);
        if (v instanceof String s) {
            return java.util.Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
        }
        if (v instanceof Number) {
            return List.of(String.valueOf(v));
        }
        r.error(n, "tags must be a name or a list of names, not " + NodeReader.describe(n));
        return List.of();
    }
}
