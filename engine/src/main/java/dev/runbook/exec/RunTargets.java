package dev.runbook.exec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a run goes: its hosts (already selected by pattern and --limit, in inventory order), the
 * inventory's groups, the connector that reaches them, and every inventory host for {@code hostvars}.
 */
public record RunTargets(List<TargetHost> hosts, Map<String, List<String>> groups, Connector connector,
                         HostLookup inventory) {
    public RunTargets {
        hosts = List.copyOf(hosts);
        groups = groups == null ? Map.of() : Map.copyOf(groups);
        Objects.requireNonNull(connector, "connector");
        inventory = inventory == null ? HostLookup.of(hosts) : inventory;
    }

    /** {@code hostvars} knows the run's hosts only. */
    public RunTargets(List<TargetHost> hosts, Map<String, List<String>> groups, Connector connector) {
        this(hosts, groups, connector, null);
    }
}
