package dev.runbook.cli;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.exec.TargetHost;
import dev.runbook.inventory.Group;
import dev.runbook.inventory.Host;
import dev.runbook.inventory.Inventory;
import dev.runbook.model.Runbook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The hosts a run goes to: the runbook's {@code hosts} pattern, narrowed by --limit, in inventory order. */
final class Targets {
    private final Inventory inventory;
    private final boolean implicit;

    private Targets(Inventory inventory, boolean implicit) {
        this.inventory = inventory;
        this.implicit = implicit;
    }

    static Targets load(Path inventoryFile) {
        return inventoryFile == null ? new Targets(Inventory.localhost(), true) : new Targets(Inventory.load(inventoryFile), false);
    }

    List<TargetHost> select(Runbook runbook, String limit) {
        List<Host> hosts;
        try {
            hosts = inventory.select(runbook.hosts(), runbook.span());
        } catch (UserInputException e) {
            if (!implicit) {
                throw e;
            }
            throw UserInputException.of(runbook.span(), "the runbook's hosts '" + runbook.hosts()
                    + "' are not in the inventory: without -i, the inventory is just localhost",
                    "give the inventory with -i hosts.ini, or use hosts: localhost");
        }
        if (limit != null) {
            Set<String> allowed = new LinkedHashSet<>();
            inventory.select(limit, SourceSpan.NONE).forEach(h -> allowed.add(h.name()));
            hosts = hosts.stream().filter(h -> allowed.contains(h.name())).toList();
            if (hosts.isEmpty()) {
                throw UserInputException.of(SourceSpan.NONE, "--limit '" + limit + "' leaves no hosts of '"
                        + runbook.hosts() + "'", "check the pattern with 'runbook inventory --graph'");
            }
        }
        List<TargetHost> out = new ArrayList<>();
        for (Host h : hosts) {
            out.add(new TargetHost(h.name(), h.groupVars(), h.hostVars(), h.groups()));
        }
        return out;
    }

    /** {@code groups} as Ansible exposes it: group name to its hosts, all included. */
    Map<String, List<String>> groups() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Group g : inventory.groups().values()) {
            try {
                out.put(g.name(), inventory.select(g.name()).stream().map(Host::name).toList());
            } catch (UserInputException e) {
                out.put(g.name(), List.of());
            }
        }
        return out;
    }
}
