package dev.runbook.vault;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets made or read on the controller while rendering (the password lookup's values). They
 * join the vault's revealed values ({@link Vault#revealed()}), so every output that masks vault
 * values masks these too. Kept for the life of the process: masking a value too often is the safe way to err.
 */
public final class ControllerSecrets {
    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

    private ControllerSecrets() {
    }

    public static void remember(String value) {
        if (SecretMask.usable(value)) {
            VALUES.add(value);
        }
    }

    public static Set<String> all() {
        return Set.copyOf(VALUES);
    }
}
