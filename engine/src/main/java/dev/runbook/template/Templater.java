package dev.runbook.template;

import dev.runbook.diag.SourceSpan;
import dev.runbook.model.Expr;
import java.util.Map;

/**
 * Jinja2 behind a small interface. Variables are a plain map (already layered by precedence,
 * see {@link VarScope}). An undefined variable is an error naming it, never an empty string.
 * Implementations are thread-safe.
 */
public interface Templater {

    /**
     * Renders every string inside {@code value} (recursing into lists and maps). A string that is
     * exactly one expression ({@code "{{ items }}"}) keeps the expression's native type (list,
     * number, map), as Ansible does; other strings render to strings.
     */
    Object render(Object value, Map<String, Object> vars, SourceSpan where) throws TemplateException;

    /** Renders a template text (a whole file for the template module) to a string. */
    String renderText(String template, Map<String, Object> vars, SourceSpan where) throws TemplateException;

    /** Evaluates a bare expression ({@code when:}, {@code until:}) to a value. */
    Object evaluate(Expr expr, Map<String, Object> vars) throws TemplateException;

    /** Evaluates a bare expression as a condition, with Jinja2/Ansible truthiness. */
    boolean test(Expr expr, Map<String, Object> vars) throws TemplateException;

    /** True when the string contains template syntax and so cannot be checked before run time. */
    static boolean isTemplate(String s) {
        return s != null && (s.contains("{{") || s.contains("{%"));
    }
}
