package dev.runbook.vault;

import java.util.Arrays;
import java.util.Objects;

/**
 * One vault password and its label (vault id). {@code source} says where it came from (a file
 * name, "prompt") for messages; the password itself is never printed.
 */
public final class VaultSecret {
    private final String label;
    private final byte[] password;
    private final String source;

    public VaultSecret(String label, byte[] password, String source) {
        this.label = Objects.requireNonNull(label, "label");
        this.password = password.clone();
        this.source = Objects.requireNonNull(source, "source");
    }

    public String label() {
        return label;
    }

    public String source() {
        return source;
    }

    byte[] password() {
        return password;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaultSecret s && s.label.equals(label) && Arrays.equals(s.password, password);
    }

    @Override
    public int hashCode() {
        return label.hashCode();
    }

    @Override
    public String toString() {
        return "VaultSecret[" + label + " from " + source + "]"; // never the password
    }
}
