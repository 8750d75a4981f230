package dev.runbook.inventory;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.vault.Vault;
import java.util.ArrayList;
import java.util.Set;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Ansible inventory (INI or YAML), read as Ansible reads it, with group_vars/ and host_vars/
 * beside the file, each host's variables already merged, and Ansible's host patterns.
 */
public final class Inventory {
    private final List<Host> hosts;
    private final Map<String, Host> byName = new LinkedHashMap<>();
    private final Map<String, Group> groups;
    private final Map<String, List<String>> members;
    private final Map<String, Object> allVars;
    private final List<String> definitionOrder;
    private final Set<String> secrets;
    private final Map<String, String> firstSource;

    Inventory(List<Host> hosts, Map<String, Group> groups, Map<String, List<String>> members, Map<String, Object> allVars,
            List<String> definitionOrder, Set<String> secrets, Map<String, String> firstSource) {
        this.firstSource = Map.copyOf(firstSource);
        this.hosts = List.copyOf(hosts);
        this.secrets = Set.copyOf(secrets);
        this.definitionOrder = List.copyOf(definitionOrder);
        hosts.forEach(h -> byName.put(h.name(), h));
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        this.members = Map.copyOf(members);
        this.allVars = Vars.frozen(allVars);
    }

    /** One host, "localhost", run without SSH: what runs when no inventory is given. */
    public static Inventory localhost() {
        InventoryBuilder b = new InventoryBuilder();
        b.addHost("localhost", InventoryBuilder.UNGROUPED, null);
        b.setHostVar("localhost", "ansible_connection", "local");
        return InventoryResolver.resolve(b, List.of(), Vault.none());
    }

    /** One inventory source (see {@link #load(List, Vault)}); encrypted files cannot be read. */
    public static Inventory load(Path source) throws UserInputException {
        return load(List.of(source), Vault.none());
    }

    /**
     * Reads inventory sources as Ansible does with several {@code -i}: each an INI or YAML file
     * (told apart by content), an executable inventory script, or a directory of them; plus
     * group_vars/ and host_vars/ beside each file or inside each directory. Vault-encrypted
     * files are decrypted with {@code vault}; inline {@code !vault} values stay encrypted
     * ({@link dev.runbook.vault.VaultedString}) until a run reveals them.
     */
    public static Inventory load(List<Path> sources, Vault vault) throws UserInputException {
        InventoryBuilder b = new InventoryBuilder();
        List<Path> varsDirs = new ArrayList<>();
        for (Path source : sources) {
            InventorySources.read(source, b, vault);
            Path abs = source.toAbsolutePath().normalize();
            if (Files.exists(abs)) {
                varsDirs.add(Files.isDirectory(abs) ? abs : abs.getParent());
            }
        }
        return InventoryResolver.resolve(b, varsDirs, vault);
    }

    /**
     * The inventory file (absolute) a host was first seen in: Ansible's {@code inventory_file};
     * empty for hosts of a host list or the implicit localhost.
     */
    public Optional<Path> sourceOf(String host) {
        String s = firstSource.get(host);
        return s == null ? Optional.empty() : Optional.of(Path.of(s));
    }

    /** Values decrypted from vault-encrypted files while reading: never to be printed. */
    public Set<String> secrets() {
        return secrets;
    }

    /** Every host, in Ansible's inventory order, each once. */
    public List<Host> hosts() {
        return hosts;
    }

    /** The hosts an Ansible host pattern selects; matching nothing is an error. */
    public List<Host> select(String pattern) throws UserInputException {
        return select(pattern, SourceSpan.NONE);
    }

    /** As {@link #select(String)}, errors pointing at {@code at} (where the pattern was written). */
    public List<Host> select(String pattern, SourceSpan at) throws UserInputException {
        return new HostPatterns(this, at).select(pattern);
    }

    public Optional<Host> host(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Groups by name in the order they were first seen, 'all' and 'ungrouped' first. */
    public Map<String, Group> groups() {
        return groups;
    }

    /** Hosts of a group and all its descendants, in Ansible's order. */
    List<String> hostsUnder(String group) {
        return members.getOrDefault(group, List.of());
    }

    /** Host names in the order the file first names them: the order name patterns match in. */
    List<String> definitionOrder() {
        return definitionOrder;
    }

    /** Ansible's implicit localhost, for a pattern naming it when the inventory does not. */
    Host implicitLocalhost(String name) {
        return new Host(name, allVars, Map.of("ansible_connection", "local"), List.of());
    }
}
