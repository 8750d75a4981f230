package dev.runbook.inventory;

import static dev.runbook.inventory.InventoryBuilder.ALL;
import static dev.runbook.inventory.InventoryBuilder.UNGROUPED;

import dev.runbook.inventory.InventoryBuilder.GroupDraft;
import dev.runbook.vault.Vault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finishes a parsed inventory the way Ansible does after reading a source: top-level groups
 * become children of 'all', hosts in no group go to 'ungrouped' (and leave it once in another
 * group), group_vars/ and host_vars/ are read, and each host's variables are merged in
 * Ansible's order: 'all' from the inventory, the host's other groups from the inventory (by
 * depth, then ansible_group_priority, then name), then group_vars/all, then the other groups'
 * group_vars/ files in the same order; the host's own inventory variables, then host_vars/.
 */
final class InventoryResolver {
    private final InventoryBuilder b;
    private final List<Path> varsDirs;
    private final Vault vault;
    private final Map<GroupDraft, Integer> depths = new HashMap<>();
    /** Per vars directory (in source order), per group: its group_vars/ files. */
    private final Map<Path, Map<String, Map<String, Object>>> groupFiles = new LinkedHashMap<>();

    private InventoryResolver(InventoryBuilder b, List<Path> varsDirs, Vault vault) {
        this.b = b;
        this.varsDirs = List.copyOf(varsDirs);
        this.vault = vault;
    }

    /**
     * Each of {@code varsDirs} (one per inventory source: the directory given, or the one
     * holding the file given) may hold group_vars/ and host_vars/; for each group or host, the
     * directories are applied in source order, as Ansible's host_group_vars plugin is.
     */
    static Inventory resolve(InventoryBuilder b, List<Path> varsDirs, Vault vault) {
        return new InventoryResolver(b, varsDirs, vault).resolve();
    }

    private Inventory resolve() {
        reconcile();
        for (Path dir : varsDirs) {
            Map<String, Map<String, Object>> byGroup = new HashMap<>();
            for (GroupDraft g : b.groups.values()) {
                byGroup.put(g.name, VarsFiles.load(dir, "group_vars", g.name, vault));
            }
            groupFiles.put(dir, byGroup);
        }
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (GroupDraft g : b.groups.values()) {
            members.put(g.name, hostsUnder(g));
        }
        List<Host> hosts = new ArrayList<>();
        for (String name : members.get(ALL)) {
            hosts.add(host(name));
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        for (GroupDraft g : b.groups.values()) {
            Map<String, Object> vars = Vars.combine(g.vars);
            groupFiles.values().forEach(byGroup -> vars.putAll(byGroup.get(g.name)));
            groups.put(g.name, new Group(g.name, g.children.stream().map(c -> c.name).toList(), List.copyOf(g.hosts), vars));
        }
        return new Inventory(hosts, groups, members, implicitLocalhostVars(), List.copyOf(b.hosts.keySet()), vault.revealed(),
                b.firstSource);
    }

    private void reconcile() {
        for (GroupDraft g : List.copyOf(b.groups.values())) {
            if (!g.name.equals(ALL) && g.parents.isEmpty()) {
                b.addChild(ALL, g.name, dev.runbook.diag.SourceSpan.NONE);
            }
        }
        GroupDraft ungrouped = b.group(UNGROUPED);
        for (String host : b.hosts.keySet()) {
            Set<String> direct = directGroups(host);
            direct.remove(ALL);
            if (direct.contains(UNGROUPED) && direct.size() > 1) {
                ungrouped.hosts.remove(host);
            } else if (direct.isEmpty()) {
                ungrouped.hosts.add(host);
            }
        }
    }

    private Set<String> directGroups(String host) {
        Set<String> out = new LinkedHashSet<>();
        for (GroupDraft g : b.groups.values()) {
            if (g.hosts.contains(host)) {
                out.add(g.name);
            }
        }
        return out;
    }

    private Host host(String name) {
        List<GroupDraft> groups = new ArrayList<>();
        for (GroupDraft g : b.groups.values()) {
            if (g.hosts.contains(name)) {
                addWithAncestors(g, groups);
            }
        }
        groups.sort(Comparator.comparingInt(this::depth).thenComparingInt((GroupDraft g) -> g.priority)
                .thenComparing(g -> g.name));
        GroupDraft all = b.group(ALL);
        Map<String, Object> groupVars = Vars.combine(all.vars);
        groups.stream().filter(g -> g != all).forEach(g -> groupVars.putAll(g.vars));
        groupFiles.values().forEach(byGroup -> groupVars.putAll(byGroup.get(ALL)));
        groupFiles.values().forEach(byGroup -> groups.stream().filter(g -> g != all)
                .forEach(g -> groupVars.putAll(byGroup.get(g.name))));
        Map<String, Object> hostFiles = new LinkedHashMap<>();
        varsDirs.forEach(dir -> hostFiles.putAll(VarsFiles.load(dir, "host_vars", name, vault)));
        return new Host(name, groupVars, Vars.combine(b.hosts.get(name), hostFiles),
                groups.stream().map(g -> g.name).toList());
    }

    private static void addWithAncestors(GroupDraft g, List<GroupDraft> into) {
        if (!into.contains(g)) {
            into.add(g);
            g.parents.forEach(p -> addWithAncestors(p, into));
        }
    }

    /** The longest path from 'all', as Ansible's group depth. */
    private int depth(GroupDraft g) {
        Integer known = depths.get(g);
        if (known == null) {
            known = g.parents.stream().mapToInt(p -> depth(p) + 1).max().orElse(0);
            depths.put(g, known);
        }
        return known;
    }

    /**
     * Hosts of a group and its descendants in Ansible's order: the group's own hosts, then its
     * children's, then theirs, level by level, each host once.
     */
    private static List<String> hostsUnder(GroupDraft top) {
        List<GroupDraft> ordered = new ArrayList<>(List.of(top));
        List<GroupDraft> level = List.of(top);
        while (!level.isEmpty()) {
            List<GroupDraft> next = new ArrayList<>();
            for (GroupDraft g : level) {
                for (GroupDraft kid : g.children) {
                    if (!ordered.contains(kid)) {
                        ordered.add(kid);
                        next.add(kid);
                    }
                }
            }
            level = next;
        }
        Set<String> hosts = new LinkedHashSet<>();
        ordered.forEach(g -> hosts.addAll(g.hosts));
        return new ArrayList<>(hosts);
    }

    /** Ansible's implicit localhost sees the variables of 'all' and runs locally. */
    private Map<String, Object> implicitLocalhostVars() {
        Map<String, Object> vars = Vars.combine(b.group(ALL).vars);
        groupFiles.values().forEach(byGroup -> vars.putAll(byGroup.get(ALL)));
        return vars;
    }
}
