package dev.runbook.inventory;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutable inventory the parsers fill, with Ansible's rules: groups 'all' and 'ungrouped'
 * always exist, a host's port becomes ansible_port when first seen, a child group that would
 * create a loop is refused, ansible_group_priority sets the group's priority.
 */
final class InventoryBuilder {
    static final String ALL = "all";
    static final String UNGROUPED = "ungrouped";

    static final class GroupDraft {
        final String name;
        final List<GroupDraft> children = new ArrayList<>();
        final List<GroupDraft> parents = new ArrayList<>();
        final Set<String> hosts = new LinkedHashSet<>();
        final Map<String, Object> vars = new LinkedHashMap<>();
        int priority = 1;

        GroupDraft(String name) {
            this.name = name;
        }
    }

    final Map<String, GroupDraft> groups = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> hosts = new LinkedHashMap<>();
    /** The inventory file each host was first seen in (Ansible's inventory_file). */
    final Map<String, String> firstSource = new LinkedHashMap<>();
    /** The file being read, or null (a host list, the implicit localhost). */
    String currentSource;

    InventoryBuilder() {
        group(ALL);
        group(UNGROUPED);
        addChild(ALL, UNGROUPED, SourceSpan.NONE);
    }

    /** The group, created when new. */
    GroupDraft group(String name) {
        return groups.computeIfAbsent(name, GroupDraft::new);
    }

    boolean hasGroup(String name) {
        return groups.containsKey(name);
    }

    void addHost(String host, String group, Integer port) {
        if (!hosts.containsKey(host)) {
            Map<String, Object> vars = new LinkedHashMap<>();
            if (port != null) {
                vars.put("ansible_port", port);
            }
            hosts.put(host, vars);
            if (currentSource != null) {
                firstSource.put(host, currentSource);
            }
        }
        group(group).hosts.add(host);
    }

    void setHostVar(String host, String key, Object value) {
        hosts.get(host).put(key, value);
    }

    void setGroupVar(String group, String key, Object value, SourceSpan at) {
        if (!"ansible_group_priority".equals(key)) {
            group(group).vars.put(key, value);
            return;
        }
        try {
            group(group).priority = value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw UserInputException.of(at, "ansible_group_priority of group '" + group + "' must be a whole number, got '"
                    + value + "'", "");
        }
    }

    /** Makes {@code child} a child group of {@code parent}, refusing loops. */
    void addChild(String parent, String child, SourceSpan at) {
        GroupDraft p = group(parent);
        GroupDraft c = group(child);
        if (p.children.contains(c)) {
            return;
        }
        List<String> loop = path(c, p);
        if (p == c || !loop.isEmpty()) {
            String cycle = p == c ? parent + " → " + parent : parent + " → " + String.join(" → ", loop);
            throw UserInputException.of(at, "group '" + child + "' cannot be a child of '" + parent
                    + "': that makes a loop " + cycle, "");
        }
        p.children.add(c);
        c.parents.add(p);
    }

    /** Names from {@code from} down to {@code to} through children, or empty when unreachable. */
    private static List<String> path(GroupDraft from, GroupDraft to) {
        if (from == to) {
            return new ArrayList<>(List.of(from.name));
        }
        for (GroupDraft kid : from.children) {
            List<String> rest = path(kid, to);
            if (!rest.isEmpty()) {
                rest.add(0, from.name);
                return rest;
            }
        }
        return new ArrayList<>();
    }
}
