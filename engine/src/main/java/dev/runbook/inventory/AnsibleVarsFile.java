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
}
