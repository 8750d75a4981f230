package dev.runbook.cli;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.exec.HostLookup;
import dev.runbook.exec.TargetHost;
import dev.runbook.inventory.Group;
import dev.runbook.inventory.Host;
import dev.runbook.inventory.Inventory;
import dev.runbook.model.Runbook;
import dev.runbook.vault.Vault;
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
    private final Vault vault;
    private final Map<String, Object> defaults;

    private Targets(Inventory inventory, boolean implicit, Vault vault, Map<String, Object> defaults) {
        this.inventory = inventory;
        this.implicit = implicit;
        this.vault = vault;
        this.defaults = Map.copyOf(defaults);
    }

    /**
     * The inventory from these sources (none: localhost only); {@code defaults} are host
     * variables of the lowest precedence (ansible.cfg's remote_user and the like).
     */
    static Targets load(List<String> sources, Vault vault, Map<String, Object> defaults) {
        if (sources.isEmpty()) {
            return new Targets(Inventory.localhost(), true, vault, defaults);
        }
        return new Targets(Inventory.load(sources.stream().map(Path::of).toList(), vault), false, vault, defaults);
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
            // Inline !vault values are decrypted now, before anything runs: a wrong password stops the run here.
            out.add(target(h));
        }
        return out;
    }

    private TargetHost target(Host h) {
        Map<String, Object> groupVars = new LinkedHashMap<>(defaults);
        groupVars.putAll(revealed(h.groupVars()));
        // Ansible sets inventory_file and inventory_dir as host variables when it first meets the host.
        Map<String, Object> hostVars = new LinkedHashMap<>();
        inventory.sourceOf(h.name()).ifPresent(f -> {
            hostVars.put("inventory_file", f.toString());
            hostVars.put("inventory_dir", f.getParent().toString());
        });
        hostVars.putAll(revealed(h.hostVars()));
        return new TargetHost(h.name(), groupVars, hostVars, h.groups());
    }

    /** Every inventory host for hostvars; a host's variables are built (and decrypted) only when asked for. */
    HostLookup lookup() {
        List<String> names = new ArrayList<>(inventory.hosts().stream().map(Host::name).toList());
        if (!names.contains("localhost")) {
            names.add("localhost"); // Ansible's implicit localhost is in hostvars too
        }
        return new HostLookup() {
            @Override
            public List<String> names() {
                return names;
            }

            @Override
            public java.util.Optional<TargetHost> find(String name) {
                java.util.Optional<Host> h = inventory.host(name);
                if (h.isEmpty() && name.equals("localhost")) {
                    h = inventory.select("localhost").stream().findFirst();
                }
                return h.map(Targets.this::target);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> revealed(Map<String, Object> vars) {
        return (Map<String, Object>) vault.revealAll(vars);
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
