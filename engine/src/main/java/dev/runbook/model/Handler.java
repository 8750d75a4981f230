package dev.runbook.model;

import java.util.List;
import java.util.Objects;

/**
 * A handler: a task that runs, at most once per flush, on the hosts where a task that notified
 * it reported changed. Notified by its {@code name} or by any topic in {@code listen}; it may
 * notify further handlers itself ({@code notifies}). {@code name} may be null when it has
 * {@code listen} topics.
 */
public record Handler(String name, List<String> listen, List<String> notifies, Task task) {
    public Handler {
        Objects.requireNonNull(task, "task");
        listen = List.copyOf(listen);
        notifies = List.copyOf(notifies);
        if ((name == null || name.isBlank()) && listen.isEmpty()) {
            throw new IllegalArgumentException("a handler needs a name or listen topics");
        }
    }

    /** True when a {@code notify: what} reaches this handler (by name or listen topic). */
    public boolean answers(String what) {
        return what.equals(name) || listen.contains(what);
    }
}
