package dev.runbook.model;

/**
 * Privilege escalation asked for by a step or task. {@code enabled == null} means "not said
 * here": inherit from the enclosing step, then the host's {@code ansible_become}.
 */
public record Become(Boolean enabled, String user, String method) {
    public static final Become UNSET = new Become(null, null, null);

    public Become overriddenBy(Become inner) {
        return new Become(inner.enabled != null ? inner.enabled : enabled,
                inner.user != null ? inner.user : user,
                inner.method != null ? inner.method : method);
    }
}
