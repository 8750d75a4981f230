package dev.runbook.vault;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vault passwords of one command, and everything they decrypted. Decryption tries the
 * password whose label matches the vault id in the header first, then every other one in the
 * order given, as Ansible does. Every value it reveals is remembered as a secret, so output can
 * mask it ({@link #revealed()}).
 */
public final class Vault {
    public static final String HELP = "give the password with --vault-password-file FILE, --vault-id LABEL@FILE, "
            + "--ask-vault-pass or ANSIBLE_VAULT_PASSWORD_FILE (see docs/vault.md)";
    private final List<VaultSecret> secrets;
    private final boolean deferInline;
    private final Set<String> revealed = ConcurrentHashMap.newKeySet();

    private Vault(List<VaultSecret> secrets, boolean deferInline) {
        this.secrets = List.copyOf(secrets);
        this.deferInline = deferInline;
    }

    /** These passwords. */
    public static Vault of(List<VaultSecret> secrets) {
        return new Vault(secrets, false);
    }

    /** No password: decrypting anything is an error saying how to give one. */
    public static Vault none() {
        return new Vault(List.of(), false);
    }

    /**
     * No password, for commands that never use values (validate, graph, inventory): inline values
     * stay encrypted ({@link VaultedString}); whole encrypted files still need a password.
     */
    public static Vault deferred() {
        return new Vault(List.of(), true);
    }

    public List<VaultSecret> secrets() {
        return secrets;
    }

    /** An inline {@code !vault} value: its decrypted text, or a {@link VaultedString} when deferred. */
    public Object inline(String vaultText, SourceSpan at) {
        if (deferInline && secrets.isEmpty()) {
            return new VaultedString(vaultText.strip() + "\n", at);
        }
        return reveal(vaultText, at);
    }

    /** The decrypted UTF-8 text of vault text written at {@code at}, remembered as a secret. */
    public String reveal(String vaultText, SourceSpan at) {
        String text = text(decrypt(vaultText, at), at);
        remember(text);
        return text;
    }

    /** Decrypts inline values left in a value (maps and lists walked), remembering each as a secret. */
    public Object revealAll(Object value) {
        if (value instanceof VaultedString v) {
            return reveal(v.ciphertext(), v.at());
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), revealAll(x)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(revealAll(x)));
            return out;
        }
        return value;
    }

    /** The plaintext bytes of vault text; a wrong password or damaged text is the user's error at {@code at}. */
    public byte[] decrypt(String vaultText, SourceSpan at) {
        return open(vaultText, at).plaintext();
    }

    /** What decrypting gave: the plaintext, the password that fitted, and the vault id in the header. */
    public record Opened(byte[] plaintext, VaultSecret secret, String vaultId) {
    }

    /** Vault text for {@code plaintext} with this password, labelled {@code vaultId} (1.1 for "default"), as ansible-vault edit keeps it. */
    public static String encryptWith(byte[] plaintext, VaultSecret secret, String vaultId) {
        return VaultEnvelope.format(VaultCipher.encrypt(plaintext, secret.password()), vaultId);
    }

    /** As {@link #decrypt}, also telling which password fitted and the header's vault id. */
    public Opened open(String vaultText, SourceSpan at) {
        StringBuilder why = new StringBuilder();
        Optional<VaultEnvelope> parsed = VaultEnvelope.parse(vaultText, why);
        if (parsed.isEmpty()) {
            throw UserInputException.of(at, "this is not valid Ansible Vault data: " + why, "");
        }
        VaultEnvelope env = parsed.get();
        if (secrets.isEmpty()) {
            throw UserInputException.of(at, "this is encrypted with Ansible Vault (vault id '" + env.vaultId()
                    + "') and no vault password was given", HELP);
        }
        for (VaultSecret s : order(env.vaultId())) {
            try {
                return new Opened(VaultCipher.decrypt(env.body(), s.password()), s, env.vaultId());
            } catch (VaultCipher.Failure f) {
                if (!f.wrongPassword) {
                    throw UserInputException.of(at, "this Ansible Vault data is damaged: " + f.getMessage(), "");
                }
            }
        }
        List<String> labels = secrets.stream().map(VaultSecret::label).distinct().toList();
        throw UserInputException.of(at, "cannot decrypt this (vault id '" + env.vaultId() + "'): no vault password given "
                + "fits (tried vault ids: " + String.join(", ", labels) + ")", "check the password for vault id '"
                + env.vaultId() + "'");
    }

    /** The password labelled like the header first, then the others in the order given. */
    private List<VaultSecret> order(String vaultId) {
        List<VaultSecret> out = new ArrayList<>();
        secrets.stream().filter(s -> s.label().equals(vaultId)).forEach(out::add);
        secrets.stream().filter(s -> !s.label().equals(vaultId)).forEach(out::add);
        return out;
    }

    /** Vault text for {@code plaintext}, with the password labelled {@code encryptId} (or the only one). */
    public String encrypt(byte[] plaintext, String encryptId) {
        VaultSecret s = encryptSecret(encryptId);
        return VaultEnvelope.format(VaultCipher.encrypt(plaintext, s.password()), s.label());
    }

    /** The password encryption uses: the one labelled {@code encryptId}, or the only one given. */
    public VaultSecret encryptSecret(String encryptId) {
        List<String> labels = secrets.stream().map(VaultSecret::label).toList();
        if (encryptId != null) {
            return secrets.stream().filter(s -> s.label().equals(encryptId)).findFirst()
                    .orElseThrow(() -> UserInputException.of(SourceSpan.NONE, "--encrypt-vault-id " + encryptId
                            + " matches none of the vault ids given (" + String.join(", ", labels) + ")", ""));
        }
        if (secrets.isEmpty()) {
            throw UserInputException.of(SourceSpan.NONE, "a vault password is needed to encrypt", HELP);
        }
        if (secrets.size() > 1) {
            throw UserInputException.of(SourceSpan.NONE, "the vault ids " + String.join(",", labels)
                    + " are available to encrypt with", "choose one with --encrypt-vault-id LABEL");
        }
        return secrets.get(0);
    }

    /** Remembers every string in a value (decrypted from a whole encrypted file) as a secret. */
    public void rememberAll(Object value) {
        if (value instanceof Map<?, ?> m) {
            m.values().forEach(this::rememberAll);
        } else if (value instanceof Collection<?> c) {
            c.forEach(this::rememberAll);
        } else if (value instanceof String s) {
            remember(s);
        }
    }

    /** Remembers decrypted file content as secret: the whole text and each of its lines. */
    public void rememberText(String text) {
        remember(text);
        text.lines().forEach(this::remember);
    }

    /** Every decrypted value is a secret, however short: {@link SecretMask} decides how each is masked. */
    private void remember(String text) {
        if (SecretMask.usable(text)) {
            revealed.add(text);
            if (!text.strip().equals(text)) {
                revealed.add(text.strip());
            }
        }
    }

    /** Every value decrypted so far: secrets to mask in any output. */
    public Set<String> revealed() {
        Set<String> all = new java.util.HashSet<>(revealed);
        all.addAll(ControllerSecrets.all());
        return Set.copyOf(all);
    }

    private static String text(byte[] data, SourceSpan at) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw UserInputException.of(at, "the decrypted value is not UTF-8 text", "");
        }
    }
}
