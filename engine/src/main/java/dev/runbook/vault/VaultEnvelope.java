package dev.runbook.vault;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The text around an encrypted body: a header {@code $ANSIBLE_VAULT;1.1;AES256} (or
 * {@code ;1.2;AES256;LABEL} with a vault id), then the body in lines of 80 characters, each
 * ending in a newline — exactly as ansible-vault writes it.
 *
 * @param vaultId the label from a 1.2 header, or "default"
 */
public record VaultEnvelope(String version, String cipher, String vaultId, String body) {
    public static final String HEADER = "$ANSIBLE_VAULT";
    public static final String DEFAULT_ID = "default";
    private static final int WIDTH = 80;

    /** True when the text (after leading whitespace, as YAML block scalars may keep none) is vault data. */
    public static boolean isEncrypted(String text) {
        return text != null && text.startsWith(HEADER);
    }

    public static boolean isEncrypted(byte[] data) {
        byte[] h = HEADER.getBytes(StandardCharsets.US_ASCII);
        if (data.length < h.length) {
            return false;
        }
        for (int i = 0; i < h.length; i++) {
            if (data[i] != h[i]) {
                return false;
            }
        }
        return true;
    }

    /** The envelope of vault text, or empty with the reason in {@code why} when it is not one. */
    static Optional<VaultEnvelope> parse(String text, StringBuilder why) {
        List<String> lines = text.strip().lines().toList();
        String[] header = lines.isEmpty() ? new String[0] : lines.get(0).strip().split(";");
        if (header.length < 3 || !header[0].equals(HEADER)) {
            why.append("the header must be $ANSIBLE_VAULT;1.1;AES256 or $ANSIBLE_VAULT;1.2;AES256;LABEL");
            return Optional.empty();
        }
        String version = header[1].strip();
        String cipher = header[2].strip();
        if (!cipher.equals("AES256")) {
            why.append("cipher '").append(cipher).append("' is not supported (ansible-vault writes AES256)");
            return Optional.empty();
        }
        String id = header.length >= 4 ? header[3].strip() : DEFAULT_ID;
        StringBuilder body = new StringBuilder();
        lines.subList(1, lines.size()).forEach(l -> body.append(l.strip()));
        return Optional.of(new VaultEnvelope(version, cipher, id, body.toString()));
    }

    /** Vault text for a body, as ansible-vault formats it: 1.2 and the label unless the id is "default". */
    static String format(String body, String vaultId) {
        boolean labelled = vaultId != null && !vaultId.isEmpty() && !vaultId.equals(DEFAULT_ID);
        List<String> lines = new ArrayList<>();
        lines.add(HEADER + (labelled ? ";1.2;AES256;" + vaultId : ";1.1;AES256"));
        for (int i = 0; i < body.length(); i += WIDTH) {
            lines.add(body.substring(i, Math.min(body.length(), i + WIDTH)));
        }
        return String.join("\n", lines) + "\n";
    }
}
