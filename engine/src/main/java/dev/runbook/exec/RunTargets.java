package dev.runbook.exec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a run goes: its hosts (already selected by pattern and --limit, in inventory order), the
 * inventory's groups, and the connector that reaches them.
 */
public record RunTargets(List<TargetHost> hosts, Map<String, List<String>> groups, Connector connector) {
    public RunTargets {
        hosts = List.copyOf(hosts);
        groups = groups == null ? Map.of() : Map.copyOf(groups);
        Objects.requireNonNull(connector, "connector");
    }
}
