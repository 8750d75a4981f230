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

    /** Counts by kind over every task of every host. */
    public Map<String, Integer> counts() {
        Map<String, Integer> c = new LinkedHashMap<>();
        for (HostPlan h : hosts.values()) {
            for (StepPlan s : h.steps()) {
                for (TaskPlan t : s.tasks()) {
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
