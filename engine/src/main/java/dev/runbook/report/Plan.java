package dev.runbook.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plan-mode run predicted, per host, per step, per task. {@code kind} is a change symbol
 * ({@code + ~ - = ?}) or {@code skipped}, {@code failed}, {@code ignored}, {@code unreachable}.
 * {@code probe} is what the module's read-only probes saw, compared when a saved plan is applied.
 */
public record Plan(String runbook, Map<String, HostPlan> hosts) {
    public Plan {
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
    }

    public record HostPlan(String host, String unreachable, List<StepPlan> steps) {
        public HostPlan {
            steps = List.copyOf(steps);
        }
    }

    public record StepPlan(String step, String status, String reason, List<TaskPlan> tasks) {
        public StepPlan {
            tasks = List.copyOf(tasks);
        }
    }

    public record TaskPlan(int index, String task, String kind, String summary, String diff, String probe) {
    }

    /**
     * The lines a plan shows for one step, each with its kind: the step's tasks (but not those
     * cut short by an unreachable host, which the host's own line reports), or, for a step that
     * has none, one line for the step itself when it would fail or cannot be decided yet.
     * Printing and counting both use this, so the summary counts exactly what is shown.
     */
    public static List<TaskPlan> shown(StepPlan s) {
        if (!s.tasks().isEmpty()) {
            return s.tasks().stream().filter(t -> !t.kind().equals("unreachable")).toList();
        }
        if (s.status().equals("failed") && s.reason() != null) {
            return List.of(new TaskPlan(-1, s.step(), "failed", s.reason(), null, ""));
        }
        if (s.status().equals("planned") && s.reason() != null) {
            return List.of(new TaskPlan(-1, s.step(), "?", s.reason(), null, ""));
        }
        return List.of();
    }

    /** Counts by kind of every line {@link #shown} for every host. */
    public Map<String, Integer> counts() {
        Map<String, Integer> c = new LinkedHashMap<>();
        for (HostPlan h : hosts.values()) {
            for (StepPlan s : h.steps()) {
                for (TaskPlan t : shown(s)) {
                    c.merge(t.kind(), 1, Integer::sum);
                }
            }
        }
        return c;
    }

    /** True when applying would change something, or might (unknowns). */
    public boolean hasChanges() {
        Map<String, Integer> c = counts();
        return c.containsKey("+") || c.containsKey("~") || c.containsKey("-") || c.containsKey("?");
    }

    public boolean hasFailures() {
        return hosts.values().stream().anyMatch(h -> h.unreachable() != null
                || h.steps().stream().anyMatch(s -> s.status().equals("failed")));
    }
}
