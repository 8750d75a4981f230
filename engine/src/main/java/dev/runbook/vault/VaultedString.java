package dev.runbook.vault;

import dev.runbook.diag.SourceSpan;
import java.util.Objects;

/**
 * An inline {@code !vault} value not decrypted (yet): what {@code runbook validate} and
 * {@code runbook inventory} work with, since neither needs the password. Its text form is the
 * mask, so an undecrypted value can never leak its ciphertext into output by accident either.
 *
 * @param ciphertext the vault text, header included
 * @param at where the value was written
 */
public record VaultedString(String ciphertext, SourceSpan at) {
    public VaultedString {
        Objects.requireNonNull(ciphertext, "ciphertext");
        at = at == null ? SourceSpan.NONE : at;
    }

    @Override
    public String toString() {
        return "********";
    }
}
