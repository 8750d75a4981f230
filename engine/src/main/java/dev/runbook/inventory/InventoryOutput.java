package dev.runbook.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.Suggestions;
import dev.runbook.diag.UserInputException;
import dev.runbook.vault.VaultedString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The views of {@code ansible-inventory}: --list (groups with hosts and children, merged host
 * variables under _meta.hostvars), --graph and --host, in the same layout (JSON with sorted keys
 * and four-space indents) so the two can be compared with diff. Password variables are the
 * one difference: their values are shown as {@value #MASK}.
 */
public final class InventoryOutput {
    private static final ObjectWriter JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
                    .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("    ", "\n")));

    static final String MASK = "********";
    private static final Set<String> SECRETS = Set.of("ansible_password", "ansible_ssh_pass",
            "ansible_ssh_password", "ansible_become_password", "ansible_become_pass");

    private InventoryOutput() {
    }

    /** Like {@code ansible-inventory --list}. */
    public static String list(Inventory inventory) {
        Map<String, Object> out = new LinkedHashMap<>();
        format(inventory, inventory.groups().get(InventoryBuilder.ALL), out, new HashSet<>());
        Map<String, Object> hostvars = new LinkedHashMap<>();
        for (Host h : inventory.hosts()) {
            if (!h.vars().isEmpty()) {
                hostvars.put(h.name(), masked(h.vars(), inventory.secrets()));
            }
        }
        out.put("_meta", Map.of("hostvars", hostvars));
        return json(out);
    }

    private static void format(Inventory inventory, Group group, Map<String, Object> out, Set<String> seen) {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (!group.name().equals(InventoryBuilder.ALL) && !group.hosts().isEmpty()) {
            entry.put("hosts", group.hosts());
        }
        if (!group.children().isEmpty()) {
            entry.put("children", group.children());
        }
        out.put(group.name(), entry);
        for (String child : group.children()) {
            if (seen.add(child)) {
                format(inventory, inventory.groups().get(child), out, seen);
            }
        }
        if (entry.isEmpty()) {
            out.remove(group.name());
        }
    }

    /** Like {@code ansible-inventory --graph}: groups as @name:, children then hosts, indented. */
    public static String graph(Inventory inventory) {
        return graph(inventory, InventoryBuilder.ALL);
    }

    /** The tree from one group down, like {@code ansible-inventory --graph GROUP}. */
    public static String graph(Inventory inventory, String top) {
        Group start = inventory.groups().get(top);
        if (start == null) {
            throw UserInputException.of(SourceSpan.NONE, "no group '" + top + "' in the inventory",
                    Suggestions.didYouMean(top, inventory.groups().keySet()));
        }
        List<String> lines = new ArrayList<>();
        graph(inventory, start, 0, lines);
        return String.join("\n", lines) + "\n";
    }

    private static void graph(Inventory inventory, Group group, int depth, List<String> lines) {
        lines.add(indent("@" + group.name() + ":", depth));
        for (String child : group.children()) {
            graph(inventory, inventory.groups().get(child), depth + 1, lines);
        }
        if (!group.name().equals(InventoryBuilder.ALL)) {
            group.hosts().forEach(h -> lines.add(indent(h, depth + 1)));
        }
    }

    private static String indent(String name, int depth) {
        return depth == 0 ? name : "  |".repeat(depth) + "--" + name;
    }

    /** Like {@code ansible-inventory --host NAME}: the host's merged variables. */
    public static String host(Inventory inventory, String name) {
        Host host = inventory.host(name).orElseThrow(() -> UserInputException.of(SourceSpan.NONE,
                "no host '" + name + "' in the inventory",
                Suggestions.didYouMean(name, inventory.hosts().stream().map(Host::name).toList())));
        return json(masked(host.vars(), inventory.secrets()));
    }

    /**
     * Passwords are never printed: their values are replaced, their presence still shown; so are
     * values decrypted from vault-encrypted files. An inline {@code !vault} value is shown as
     * ansible-inventory shows it, still encrypted: {@code {"__ansible_vault": "$ANSIBLE_VAULT;..."}}.
     */
    static Map<String, Object> masked(Map<String, Object> vars, Set<String> secrets) {
        Map<String, Object> out = new LinkedHashMap<>(vars);
        out.replaceAll((k, v) -> SECRETS.contains(k) && v != null && !(v instanceof VaultedString) ? MASK : shown(v, secrets));
        return out;
    }

    private static Object shown(Object v, Set<String> secrets) {
        if (v instanceof VaultedString vs) {
            return Map.of("__ansible_vault", vs.ciphertext());
        }
        if (v instanceof String s && secrets.contains(s)) {
            return MASK;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), shown(x, secrets)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(x -> shown(x, secrets)).toList();
        }
        return v;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("inventory values are plain data and always serialise", e);
        }
    }
}
