package dev.runbook.exec;

import dev.runbook.diag.SourceSpan;
import dev.runbook.template.TemplateException;
import dev.runbook.template.Templater;
import dev.runbook.template.Unrenderable;
import java.util.AbstractMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Variables whose values are templates ({@code backup: "{{ root }}/backup"}) are rendered against
 * the other variables before a task uses them. As in Ansible, a variable is rendered when another
 * one reads it (chains of variables, in any order). A variable that cannot be rendered (it reads
 * an undefined name, or a result registered later) becomes an {@link Unrenderable}: undefined to
 * every template that reads it, with the chain and the root cause, never its raw template text.
 */
final class VarResolver {
    private static final String SELF = "its value refers to itself, directly or through other variables";

    private VarResolver() {
    }

    /** The rendered variables (unrenderable ones as {@link Unrenderable}) and, for those, the marker. */
    record Resolved(Map<String, Object> vars, Map<String, Unrenderable> broken) {
    }

    static Resolved resolve(Map<String, Object> flat, Templater templater) {
        Map<String, Object> vars = new LinkedHashMap<>(flat);
        Set<String> pending = new LinkedHashSet<>();
        flat.forEach((k, v) -> {
            if (hasTemplate(v)) {
                pending.add(k);
            }
        });
        Map<String, Unrenderable> broken = new LinkedHashMap<>();
        if (pending.isEmpty()) {
            return new Resolved(vars, broken);
        }
        Lazy lazy = new Lazy(vars, pending, templater);
        for (String name : List.copyOf(pending)) {
            lazy.get(name);
        }
        vars.forEach((k, v) -> {
            if (v instanceof Unrenderable u) {
                broken.put(k, u);
            }
        });
        return new Resolved(vars, broken);
    }

    /** The variables as templates see them while they are being rendered: reading one renders it. */
    private static final class Lazy extends AbstractMap<String, Object> {
        private final Map<String, Object> vars;
        private final Set<String> pending;
        private final Set<String> inProgress = new HashSet<>();
        private final Templater templater;

        Lazy(Map<String, Object> vars, Set<String> pending, Templater templater) {
            this.vars = vars;
            this.pending = pending;
            this.templater = templater;
        }

        @Override
        public boolean containsKey(Object key) {
            return vars.containsKey(key);
        }

        @Override
        public Object get(Object key) {
            if (!(key instanceof String name) || !pending.contains(name)) {
                return vars.get(key);
            }
            if (!inProgress.add(name)) {
                return new Unrenderable(List.of(name), SELF, null);
            }
            Object value;
            try {
                value = templater.render(vars.get(name), this, SourceSpan.NONE);
            } catch (TemplateException e) {
                value = failed(name, e);
            } finally {
                inProgress.remove(name);
            }
            vars.put(name, value);
            pending.remove(name);
            return value;
        }

        /** Through another variable that failed: keep its chain and root cause. */
        private Unrenderable failed(String name, TemplateException e) {
            String via = e.undefinedVariable() == null ? null : e.undefinedVariable().split("[.\\[]", 2)[0];
            if (via != null && (via.equals(name) || inProgress.contains(via))) {
                return new Unrenderable(via.equals(name) ? List.of(name) : List.of(name, via), SELF, null);
            }
            if (via != null && vars.get(via) instanceof Unrenderable u) {
                return u.via(name);
            }
            // A plan's lookup that runs a command stays recognisable: the variable is unknown, not broken.
            String root = e.knownOnlyWhenApplying() != null ? e.knownOnlyWhenApplying() : e.undefinedVariable();
            return new Unrenderable(List.of(name), e.getMessage(), root);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return vars.entrySet();
        }
    }

    static boolean hasTemplate(Object v) {
        if (v instanceof HostVars) {
            return false; // built, and rendered, host by host when read
        }
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
