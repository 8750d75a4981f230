package dev.runbook.template;

import dev.runbook.diag.SourceSpan;
import dev.runbook.model.Expr;
import dev.runbook.template.jinja.AnsibleEscapes;
import dev.runbook.template.jinja.JinjaEngine;
import dev.runbook.template.jinja.Natives;
import dev.runbook.template.jinja.Py;
import dev.runbook.template.jinja.RenderState;
import dev.runbook.template.jinja.SingleExpression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** A string from YAML: Ansible's backslash rule applies ({@link AnsibleEscapes}). */
    private Object renderString(String source, Map<String, Object> vars, SourceSpan where) throws TemplateException {
        if (!Templater.isTemplate(source)) {
            return source;
        }
        String s = AnsibleEscapes.doubleBackslashes(source);
        String expression = SingleExpression.of(s);
        if (expression != null) {
            return evaluateText(stripWhitespaceControl(expression), source, vars, where);
        }
        return renderTemplate(s, source, vars, where);
    }

    @Override
    public String renderText(String template, Map<String, Object> vars, SourceSpan where) throws TemplateException {
        return renderTemplate(template, template, vars, where);
    }

    /** Renders {@code text}; errors quote {@code source}, the text as the user wrote it. */
    private String renderTemplate(String text, String source, Map<String, Object> vars, SourceSpan where)
        throws TemplateException {
        if (!Templater.isTemplate(text)) {
            return text;
        }
        Object simple = SimpleTemplates.render(text, vars);
        if (simple != SimpleTemplates.NO) {
            return (String) simple;
        }
        RenderState state = new RenderState(vars);
        JinjaEngine.Outcome outcome = JinjaEngine.get().render(text, state);
        Failures.check(outcome, source, where);
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
     * Jinja2 truthiness (a bare {@code 'no'} is a non-empty string: true). A condition written
     * with braces ({@code "{{ flag }}"}) is evaluated twice, as Ansible does: the text it gives is
     * read again as an expression, so "True"/"False" are booleans and "no" is an undefined name.
     */
    @Override
    public boolean test(Expr expr, Map<String, Object> vars) throws TemplateException {
        Object value = evaluate(expr, vars);
        if (value instanceof String s && Templater.isTemplate(expr.text())) {
            String again = s.trim();
            if (again.isEmpty()) {
                return false;
            }
            try {
                value = evaluateText(again, again, vars, expr.span());
            } catch (TemplateException e) {
                throw new TemplateException(expr.span(), "the condition \"" + expr.text() + "\" gave '" + again
                    + "', which is read again as an expression (as Ansible does): " + e.getMessage()
                    + " (write the condition without braces, e.g. 'flag | bool')", e.undefinedVariable());
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
