package dev.runbook.template;

import dev.runbook.diag.SourceSpan;
import dev.runbook.model.Expr;
import dev.runbook.template.jinja.JinjaEngine;
import dev.runbook.template.jinja.Natives;
import dev.runbook.template.jinja.Py;
import dev.runbook.template.jinja.RenderState;
import dev.runbook.template.jinja.SingleExpression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Jinja2 templates through jinjava, with Ansible's filters and tests and Ansible's strict
 * undefined rule. Strings without template syntax never reach jinjava. Thread-safe: the engine
 * is shared and each evaluation has its own state.
 */
public final class JinjavaTemplater implements Templater {
    /**
     * What {@code omit} renders to. {@link #render} leaves out dict entries with this value
     * ({@code mode: "{{ file_mode | default(omit) }}"} drops {@code mode}), as Ansible does.
     */
    public static final String OMIT = RenderState.OMIT;
    private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "on", "1");
    private static final Set<String> FALSE_WORDS = Set.of("false", "no", "off", "0", "", "none");

    @Override
    public Object render(Object value, Map<String, Object> vars, SourceSpan where) throws TemplateException {
        if (value instanceof String s) {
            return renderString(s, vars, where);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(render(item, vars, where));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object v = render(e.getValue(), vars, where);
                if (!OMIT.equals(v)) {
                    out.put(renderKey(e.getKey(), vars, where), v);
                }
            }
            return out;
        }
        return value;
    }

    /** A templated key stays a string, even when it is one expression giving a number. */
    private Object renderKey(Object key, Map<String, Object> vars, SourceSpan where) throws TemplateException {
        if (key instanceof String s && Templater.isTemplate(s)) {
            return Py.str(renderString(s, vars, where));
        }
        return key;
    }

    private Object renderString(String s, Map<String, Object> vars, SourceSpan where) throws TemplateException {
        if (!Templater.isTemplate(s)) {
            return s;
        }
        String expression = SingleExpression.of(s);
        if (expression != null) {
            return evaluateText(stripWhitespaceControl(expression), s, vars, where);
        }
        return renderText(s, vars, where);
    }

    @Override
    public String renderText(String template, Map<String, Object> vars, SourceSpan where) throws TemplateException {
        if (!Templater.isTemplate(template)) {
            return template;
        }
        Object simple = SimpleTemplates.render(template, vars);
        if (simple != SimpleTemplates.NO) {
            return (String) simple;
        }
        RenderState state = new RenderState(vars);
        JinjaEngine.Outcome outcome = JinjaEngine.get().render(template, state);
        Failures.check(outcome, template, where);
        return (String) outcome.value();
    }

    @Override
    public Object evaluate(Expr expr, Map<String, Object> vars) throws TemplateException {
        String text = expr.text().trim();
        if (Templater.isTemplate(text)) {
            return renderString(text, vars, expr.span());
        }
        if (text.isEmpty()) {
            throw new TemplateException(expr.span(), "empty expression: write a condition such as 'result.rc == 0'");
        }
        return evaluateText(text, text, vars, expr.span());
    }

    /**
     * Jinja2 truthiness, and the strings a templated condition yields ("True", "no", "0") read
     * as the booleans they spell, as Ansible does.
     */
    @Override
    public boolean test(Expr expr, Map<String, Object> vars) throws TemplateException {
        Object value = evaluate(expr, vars);
        if (value instanceof String s) {
            String word = s.trim().toLowerCase(Locale.ROOT);
            if (TRUE_WORDS.contains(word)) {
                return true;
            }
            if (FALSE_WORDS.contains(word)) {
                return false;
            }
        }
        return Py.truthy(value);
    }

    private Object evaluateText(String expression, String source, Map<String, Object> vars, SourceSpan where)
        throws TemplateException {
        Object simple = SimpleTemplates.evaluate(expression, vars);
        if (simple != SimpleTemplates.NO) {
            return Natives.plain(simple);
        }
        RenderState state = new RenderState(vars);
        JinjaEngine.Outcome outcome = JinjaEngine.get().evaluate(expression, state);
        Failures.check(outcome, source, where);
        return Natives.plain(outcome.value());
    }

    private static String stripWhitespaceControl(String expression) {
        String e = expression;
        if (e.startsWith("-")) {
            e = e.substring(1);
        }
        if (e.endsWith("-")) {
            e = e.substring(0, e.length() - 1);
        }
        return e;
    }

    /** How long the shared engine took to build (-1 before first use); for diagnostics. */
    public static long engineBuildMillis() {
        return JinjaEngine.buildMillis();
    }
}
