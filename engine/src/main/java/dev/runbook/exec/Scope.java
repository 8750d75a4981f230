package dev.runbook.exec;

import dev.runbook.model.Expr;
import dev.runbook.template.TemplateException;
import dev.runbook.template.Templater;
import dev.runbook.template.Unrenderable;
import dev.runbook.template.VarScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
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
    /** Templated variables that read an unknown name, directly or through others: name -> that name. */
    private Map<String, String> derived;

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

    /** The same scope where {@code name} (a result about to be registered) is not unknown. */
    Scope without(String name) {
        if (name == null || !unknown.contains(name)) {
            return this;
        }
        Set<String> rest = new java.util.HashSet<>(unknown);
        rest.remove(name);
        return new Scope(layers, rest, templater);
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

    /**
     * Why a task that reads {@code name} (an unknown name, or a variable templated from one) is
     * unknown: {@code depends on 'admin_cfg_path' (through 'admin_dir'), which is known only when applying}.
     */
    String dependsOn(String name) {
        if (name.startsWith("lookup(")) {
            return "runs " + name + " on the controller, which a plan does not do: known only when applying";
        }
        String root = derived().getOrDefault(name, name);
        return "depends on '" + root + "'" + (root.equals(name) ? "" : " (through '" + name + "')")
                + ", which is known only when applying";
    }

    /**
     * Plan mode: the unknown name behind a template error, when the undefined variable is unknown
     * or is a variable that could not be rendered because it reads one; else null.
     */
    String unknownCause(TemplateException e) {
        if (e.knownOnlyWhenApplying() != null) {
            return e.knownOnlyWhenApplying();
        }
        String name = e.undefinedVariable();
        if (name != null && vars().get(name.split("[.\\[]", 2)[0]) instanceof Unrenderable u && u.root() != null
                && u.root().startsWith("lookup(")) {
            return u.root();
        }
        if (name == null || unknown.isEmpty()) {
            return null;
        }
        String root = name.split("[.\\[]", 2)[0];
        return unknown.contains(root) || derived().containsKey(root) ? root : null;
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
        return find(t, bare, this::matchIn);
    }

    private static String find(Object t, boolean bare, UnaryOperator<String> match) {
        if (t instanceof Expr e) {
            return match.apply(e.text());
        }
        if (t instanceof String s) {
            return bare || Templater.isTemplate(s) ? match.apply(s) : null;
        }
        if (t instanceof List<?> l) {
            for (Object o : l) {
                String f = find(o, bare, match);
                if (f != null) {
                    return f;
                }
            }
        }
        if (t instanceof Map<?, ?> m) {
            for (Object o : m.values()) {
                String f = find(o, bare, match);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private String matchIn(String text) {
        String found = matchAny(text, unknown);
        return found != null ? found : matchAny(text, derived().keySet());
    }

    /** Whether the expression or template {@code text} reads the variable {@code name}. */
    static boolean reads(String text, String name) {
        return matchAny(text, Set.of(name)) != null;
    }

    /** The name read first in {@code text} (so messages do not depend on set order), or null. */
    private static String matchAny(String text, Set<String> names) {
        String first = null;
        int at = Integer.MAX_VALUE;
        for (String name : names) {
            Matcher m = Pattern.compile("(?<![\\w.'\"])" + Pattern.quote(name) + "\\b").matcher(text);
            if (m.find() && (m.start() < at || m.start() == at && name.compareTo(first) < 0)) {
                first = name;
                at = m.start();
            }
        }
        return first;
    }

    /** Variables whose templates read an unknown name, found by repeating until no new one appears. */
    private Map<String, String> derived() {
        if (derived != null) {
            return derived;
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (!unknown.isEmpty()) {
            Map<String, Object> flat = layers.flatten();
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Map.Entry<String, Object> e : flat.entrySet()) {
                    if (unknown.contains(e.getKey()) || out.containsKey(e.getKey()) || !VarResolver.hasTemplate(e.getValue())) {
                        continue;
                    }
                    String via = find(e.getValue(), false, text -> {
                        String direct = matchAny(text, unknown);
                        return direct != null ? direct : matchAny(text, out.keySet());
                    });
                    if (via != null) {
                        out.put(e.getKey(), out.getOrDefault(via, via));
                        grew = true;
                    }
                }
            }
        }
        derived = out;
        return out;
    }
}
