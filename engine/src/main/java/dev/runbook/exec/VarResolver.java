package dev.runbook.exec;

import dev.runbook.diag.SourceSpan;
import dev.runbook.template.TemplateException;
import dev.runbook.template.Templater;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variables whose values are templates ({@code backup: "{{ root }}/backup"}) are rendered against
 * the other variables before a task uses them, repeating until nothing changes (chains of
 * variables). A variable that cannot be rendered yet (it reads a result registered later) is left
 * out and remembered, so a task that uses it gets an error naming the real cause.
 */
final class VarResolver {
    private static final int MAX_PASSES = 8;

    private VarResolver() {
    }

    record Resolved(Map<String, Object> vars, Map<String, String> broken) {
    }

    static Resolved resolve(Map<String, Object> flat, Templater templater) {
        Map<String, Object> vars = new LinkedHashMap<>(flat);
        Map<String, String> broken = new LinkedHashMap<>();
        List<String> pending = flat.entrySet().stream().filter(e -> hasTemplate(e.getValue())).map(Map.Entry::getKey).toList();
        if (pending.isEmpty()) {
            return new Resolved(vars, broken);
        }
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean changed = false;
            broken.clear();
            for (String name : pending) {
                Object before = vars.get(name);
                if (!hasTemplate(before)) {
                    continue;
                }
                try {
                    Object after = templater.render(before, vars, SourceSpan.NONE);
                    if (!java.util.Objects.equals(after, before)) {
                        vars.put(name, after);
                        changed = true;
                    }
                } catch (TemplateException e) {
                    broken.put(name, e.getMessage());
                }
            }
            if (!changed) {
                break;
            }
        }
        for (String name : pending) {
            if (hasTemplate(vars.get(name)) && !broken.containsKey(name)) {
                broken.put(name, "its value refers to itself, directly or through other variables");
            }
        }
        broken.keySet().forEach(vars::remove);
        return new Resolved(vars, broken);
    }

    static boolean hasTemplate(Object v) {
        if (v instanceof String s) {
            return Templater.isTemplate(s);
        }
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (hasTemplate(o)) {
                    return true;
                }
            }
        } else if (v instanceof Map<?, ?> m) {
            for (Object o : m.values()) {
                if (hasTemplate(o)) {
                    return true;
                }
            }
        }
        return false;
    }
}
