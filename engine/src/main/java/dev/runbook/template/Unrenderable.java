package dev.runbook.template;

import dev.runbook.template.jinja.DefinedButUndefined;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of a variable whose own template could not be rendered ({@code t1: "{{ nosuch.x }}"}).
 * Templates that read such a variable see it as undefined, as Ansible does: {@code t1 is defined}
 * is false, {@code t1 | default('x')} is {@code x}, and any other use fails naming the chain of
 * variables ({@code t4 -> t1}) and the root cause. It is never used as its template text.
 *
 * @param chain the variables from this one down to the one that failed, in order
 * @param cause why the last variable of the chain failed (the templater's message)
 * @param root the undefined name at the bottom of the chain ({@code nosuch}), or null when the
 *             cause was something else (a syntax error, a failed filter, a self-reference)
 */
public record Unrenderable(List<String> chain, String cause, String root) implements DefinedButUndefined {
    public Unrenderable {
        chain = List.copyOf(chain);
    }

    /** This variable failed because another unrenderable variable it reads did. */
    public Unrenderable via(String name) {
        List<String> longer = new ArrayList<>();
        longer.add(name);
        longer.addAll(chain);
        return new Unrenderable(longer, cause, root);
    }

    /** What a template that uses the variable is told. */
    @Override
    public String explanation() {
        String path = chain.size() > 1 ? " (" + String.join(" -> ", chain) + ")" : "";
        return "it is defined, but its value cannot be rendered" + path + ": " + cause;
    }

    /** Never its template text, even when printed by mistake. */
    @Override
    public String toString() {
        return "";
    }
}
