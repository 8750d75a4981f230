package dev.runbook.inventory;

import dev.runbook.vault.Vault;
import java.nio.file.Path;
import java.util.Map;

/**
 * A variables file read as Ansible reads group_vars/ files and {@code -e @file}: YAML 1.1 types,
 * a vault-encrypted file decrypted (its strings remembered as secrets), inline {@code !vault}
 * values kept as {@link dev.runbook.vault.VaultedString}.
 */
public final class AnsibleVarsFile {
    private AnsibleVarsFile() {
    }

    public static Map<String, Object> read(Path file, Vault vault) {
        return VarsFiles.read(file, vault);
    }

    /**
     * Variables from YAML (or JSON) text already read (and decrypted): YAML 1.1 types, as Ansible.
     * Empty text gives no variables; anything but a mapping is a {@link dev.runbook.diag.UserInputException}.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String text, String name) {
        var root = YamlSupport.compose(text, name);
        if (root.isEmpty() || YamlSupport.isNull(root.get())) {
            return Map.of();
        }
        if (!(root.get() instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
            throw dev.runbook.diag.UserInputException.of(YamlSupport.span(name, root.get()),
                    "a variables file must be a mapping of variable names to values, not " + YamlSupport.kind(root.get()), "");
        }
        return (Map<String, Object>) YamlSupport.value(root.get(), name);
    }
}
