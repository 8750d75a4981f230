package dev.runbook.inventory;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One inventory group.
 *
 * @param children the names of its direct child groups, in file order
 * @param hosts the names of the hosts listed directly in it, in file order
 * @param vars its own variables: those in the inventory file, overridden by group_vars/ files
 */
public record Group(String name, List<String> children, List<String> hosts, Map<String, Object> vars) {
    public Group {
        Objects.requireNonNull(name, "name");
        children = List.copyOf(children);
        hosts = List.copyOf(hosts);
        vars = Vars.frozen(vars);
    }
}
