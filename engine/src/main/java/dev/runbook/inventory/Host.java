package dev.runbook.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One inventory host with its variables already resolved the way Ansible resolves them.
 *
 * @param groupVars the merged variables of every group the host is in, lowest precedence first
 * @param hostVars inline variables from the inventory, overridden by host_vars/ files
 * @param groups every group the host belongs to, directly or through a child group, in the
 *     order their variables were applied ('all' first)
 */
public record Host(String name, Map<String, Object> groupVars, Map<String, Object> hostVars, List<String> groups) {
    public Host {
        Objects.requireNonNull(name, "name");
        groupVars = Vars.frozen(groupVars);
        hostVars = Vars.frozen(hostVars);
        groups = List.copyOf(groups);
    }

    /** Host variables over group variables: what a task on this host sees from the inventory. */
    public Map<String, Object> vars() {
        Map<String, Object> merged = new LinkedHashMap<>(groupVars);
        merged.putAll(hostVars);
        return Collections.unmodifiableMap(merged);
    }

    /** The value of one merged variable, or null when unset. */
    public Object var(String key) {
        return hostVars.containsKey(key) ? hostVars.get(key) : groupVars.get(key);
    }
}
