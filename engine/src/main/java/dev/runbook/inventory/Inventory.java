package dev.runbook.inventory;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import java.io.IOException;
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

    Inventory(List<Host> hosts, Map<String, Group> groups, Map<String, List<String>> members, Map<String, Object> allVars,
            List<String> definitionOrder) {
        this.hosts = List.copyOf(hosts);
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
        return InventoryResolver.resolve(b, null);
    }

    /** Reads an INI or YAML inventory (told apart by content) and the vars directories beside it. */
    public static Inventory load(Path file) throws UserInputException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw UserInputException.of(SourceSpan.of(name, 0, 0), "this is a directory; give one inventory file "
                    + "(INI or YAML): group_vars/ and host_vars/ beside it are read too", "");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            String why = Files.exists(file) ? "cannot read the inventory: " + e.getMessage() : "no inventory file here";
            throw UserInputException.of(SourceSpan.of(name, 0, 0), why, "");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        InventoryBuilder b = InventoryFormat.isYaml(text) ? YamlInventoryParser.parse(text, name)
                : IniInventoryParser.parse(text, name);
        Path dir = file.toAbsolutePath().getParent();
        return InventoryResolver.resolve(b, dir);
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
