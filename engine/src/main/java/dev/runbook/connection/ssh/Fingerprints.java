package dev.runbook.connection.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;

/** OpenSSH-style {@code SHA256:...} fingerprints, the form {@code ssh-keygen -l} prints. */
final class Fingerprints {
    private Fingerprints() {
    }

    static String sha256(PublicKey key) {
        return sha256(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
    }

    static String sha256(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Fingerprint of the key in a known_hosts line: the base64 field after the key type. */
    static String sha256OfLine(String line, String type) {
        String[] parts = line.trim().split("\\s+");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equals(type)) {
                try {
                    return sha256(Base64.getDecoder().decode(parts[i + 1]));
                } catch (IllegalArgumentException e) {
                    break;
                }
            }
        }
        return "(unreadable entry)";
    }
}
