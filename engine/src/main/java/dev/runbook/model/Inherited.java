package dev.runbook.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keywords an enclosing construct hands down to each task inside it, as Ansible does for
 * {@code import_role}, {@code import_tasks}, a role listed in {@code roles:} (and its
 * dependencies) and {@code include_role}'s {@code apply}: a condition that must hold too, become,
 * variables under the task's own, and ignore_errors / no_log / check_mode where the task says nothing.
 */
public record Inherited(Expr when, Become become, Map<String, Object> vars, boolean ignoreErrors, boolean noLog,
                        Boolean checkMode) {
    public static final Inherited NONE = new Inherited(null, Become.UNSET, Map.of(), false, false, null);

    public Inherited {
        become = become == null ? Become.UNSET : become;
        vars = RoleScope.frozen(vars);
    }

    /** {@code inner} inside this: both conditions, inner's become, vars and flags over this one's. */
    public Inherited then(Inherited inner) {
        Map<String, Object> v = new LinkedHashMap<>(vars);
        v.putAll(inner.vars);
        return new Inherited(and(when, inner.when), become.overriddenBy(inner.become), v,
                ignoreErrors || inner.ignoreErrors, noLog || inner.noLog,
                inner.checkMode != null ? inner.checkMode : checkMode);
    }

    /** Both conditions, the outer one first; the inner one's place for messages. */
    static Expr and(Expr outer, Expr inner) {
        if (outer == null) {
            return inner;
        }
        if (inner == null) {
            return outer;
        }
        return new Expr("(" + outer.text() + ") and (" + inner.text() + ")", inner.span());
    }
}
