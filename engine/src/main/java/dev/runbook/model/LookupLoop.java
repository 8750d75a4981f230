package dev.runbook.model;

import java.util.Objects;

/**
 * A task's {@code with_<lookup>: terms} loop: the items are what the lookup plugin gives for the
 * terms (rendered first), as in Ansible, where {@code with_X: t} means
 * {@code loop: "{{ query('X', t) }}"} (with_items flattening one level).
 */
public record LookupLoop(String plugin, Object terms) {
    public LookupLoop {
        Objects.requireNonNull(plugin, "plugin");
    }

    @Override
    public String toString() {
        return "with_" + plugin + ": " + terms;
    }
}
