package dev.runbook.exec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The handlers notified on one host in one step and not run yet, each with the tasks that
 * notified it. Kept across a step's retries, so a change made by a failed attempt still runs its
 * handlers when a later attempt succeeds. Not journaled: on --resume the notifying tasks are
 * restored with their outcomes and notify again, and a handler that already ran is restored.
 */
final class Notifications {
    private final Map<Integer, Set<String>> pending = new LinkedHashMap<>();
    /** Handlers notified by a task known to change (in plans, not only by ones that may). */
    private final Set<Integer> certain = new java.util.HashSet<>();

    /** A notification; {@code surely} false in a plan when the notifying task only may change. */
    void add(int handler, String notifiedBy, boolean surely) {
        pending.computeIfAbsent(handler, h -> new LinkedHashSet<>()).add(notifiedBy);
        if (surely) {
            certain.add(handler);
        }
    }

    /** Who notified {@code handler}, and whether surely. */
    record Notice(List<String> by, boolean surely) {
    }

    /** Takes handler {@code handler}'s notification, or null when it was not notified. */
    Notice take(int handler) {
        Set<String> by = pending.remove(handler);
        return by == null ? null : new Notice(new ArrayList<>(by), certain.remove(handler));
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** The pending handlers, in definition order, and forgets them. */
    List<Integer> drain() {
        List<Integer> out = pending.keySet().stream().sorted().toList();
        pending.clear();
        certain.clear();
        return out;
    }
}
