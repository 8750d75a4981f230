package dev.runbook.exec;

import dev.runbook.model.Expr;
import dev.runbook.template.TemplateException;
import dev.runbook.template.Templater;
import dev.runbook.template.VarScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The variables one task sees, layered by precedence ({@link VarScope}), with templated variables
 * rendered on first use. In plan mode it also knows which names hold values only known when
 * applying, so conditions that read them are reported as unknown instead of guessed.
 */
final class Scope {
    private final VarScope layers;
    private final Set<String> unknown;
    private final Templater templater;
    private VarResolver.Resolved resolved;

    Scope(VarScope layers, Set<String> unknown, Templater templater) {
        this.layers = layers;
        this.unknown = Set.copyOf(unknown);
        this.templater = templater;
    }

    Map<String, Object> vars() {
        if (resolved == null) {
            resolved = VarResolver.resolve(layers.flatten(), templater);
        }
        return resolved.vars();
    }

    /**
     * The message for a failed template. A variable that is defined but cannot be rendered is
     * explained by the templater itself (chain and root cause, see {@link dev.runbook.template.Unrenderable}).
     */
    String explain(TemplateException e) {
        return e.located();
    }

    Scope withLayer(VarScope.Layer layer, Map<String, Object> values) {
        Map<String, Object> merged = new LinkedHashMap<>(layers.layer(layer));
        merged.putAll(values);
        return new Scope(layers.with(layer, merged), unknown, templater);
    }

    Scope withItem(Object item) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("item", item);
        return withLayer(VarScope.Layer.TASK, m);
    }

    /** Adds a just-produced result under its register name (for until, changed_when, failed_when). */
    Scope withResult(String register, Map<String, Object> result) {
        if (register == null) {
            return this;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(register, result);
        return withLayer(VarScope.Layer.FACTS, m);
    }

    /** The first unknown variable any of these expressions, templates or argument values read; else null. */
    String unknownReference(Object... things) {
        return unknownReferenceIn(false, things);
    }

    /**
     * As above; with {@code bareExpressions}, plain strings count as expressions too (the
     * arguments of assert's {@code that} and debug's {@code var}).
     */
    String unknownReferenceIn(boolean bareExpressions, Object... things) {
        if (unknown.isEmpty()) {
            return null;
        }
        for (Object t : things) {
            String found = find(t, bareExpressions);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private String find(Object t, boolean bare) {
        if (t instanceof Expr e) {
            return matchIn(e.text());
        }
        if (t instanceof String s) {
            return bare || Templater.isTemplate(s) ? matchIn(s) : null;
        }
        if (t instanceof List<?> l) {
            for (Object o : l) {
                String f = find(o, bare);
                if (f != null) {
                    return f;
                }
            }
        }
        if (t instanceof Map<?, ?> m) {
            for (Object o : m.values()) {
                String f = find(o, bare);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private String matchIn(String text) {
        for (String name : unknown) {
            if (Pattern.compile("(?<![\\w.'\"])" + Pattern.quote(name) + "\\b").matcher(text).find()) {
                return name;
            }
        }
        return null;
    }
}
