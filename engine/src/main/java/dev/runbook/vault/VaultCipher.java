package dev.runbook.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ansible Vault's AES256 cipher: keys from PBKDF2-HMAC-SHA256 (10000 iterations, 32-byte salt,
 * 80 bytes: AES key, HMAC key, counter), PKCS#7-padded plaintext in AES-256-CTR, an HMAC-SHA256
 * of the ciphertext, and the body {@code hex(hex(salt) \n hex(hmac) \n hex(ciphertext))}.
 */
final class VaultCipher {
    private static final int ITERATIONS = 10_000;
    private static final int KEY = 32;
    private static final int BLOCK = 16;
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Why a body would not decrypt: the wrong password, or not a vault body at all. */
    static final class Failure extends Exception {
        final boolean wrongPassword;

        Failure(String message, boolean wrongPassword) {
            super(message, null, false, false);
            this.wrongPassword = wrongPassword;
        }
    }

    private VaultCipher() {
    }

    /** The hexlified body (without envelope) for {@code plaintext}. */
    static String encrypt(byte[] plaintext, byte[] password) {
        byte[] salt = new byte[KEY];
        RANDOM.nextBytes(salt);
        return encrypt(plaintext, password, salt);
    }

    static String encrypt(byte[] plaintext, byte[] password, byte[] salt) {
        byte[][] keys = keys(password, salt);
        byte[] ciphertext = ctr(keys, pad(plaintext));
        byte[] hmac = hmac(keys[1], ciphertext);
        String inner = HEX.formatHex(salt) + "\n" + HEX.formatHex(hmac) + "\n" + HEX.formatHex(ciphertext);
        return HEX.formatHex(inner.getBytes(StandardCharsets.US_ASCII));
    }

    /** The plaintext of a hexlified body; throws when the password does not fit or the body is damaged. */
    static byte[] decrypt(String body, byte[] password) throws Failure {
        String inner = new String(unhex(body.strip()), StandardCharsets.US_ASCII);
        String[] parts = inner.split("\n", 3);
        if (parts.length != 3) {
            throw new Failure("the encrypted text is damaged (expected salt, HMAC and ciphertext)", false);
        }
        byte[] salt = unhex(parts[0]);
        byte[] expected = unhex(parts[1]);
        byte[] ciphertext = unhex(parts[2]);
        byte[][] keys = keys(password, salt);
        if (!MessageDigest.isEqual(expected, hmac(keys[1], ciphertext))) {
            throw new Failure("HMAC verification failed", true);
        }
        return unpad(ctr(keys, ciphertext));
    }

    private static byte[] unhex(String hex) throws Failure {
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new Failure("the encrypted text is not hexadecimal: " + e.getMessage(), false);
        }
    }

    /** [AES key, HMAC key, initial counter]. */
    private static byte[][] keys(byte[] password, byte[] salt) {
        byte[] derived = Pbkdf2.derive(password, salt, ITERATIONS, 2 * KEY + BLOCK);
        return new byte[][] {Arrays.copyOfRange(derived, 0, KEY), Arrays.copyOfRange(derived, KEY, 2 * KEY),
            Arrays.copyOfRange(derived, 2 * KEY, 2 * KEY + BLOCK)};
    }

    private static byte[] ctr(byte[][] keys, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys[0], "AES"), new IvParameterSpec(keys[2]));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR is part of every Java 17 runtime", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java 17 runtime", e);
        }
    }

    private static byte[] pad(byte[] data) {
        int n = BLOCK - data.length % BLOCK;
        byte[] out = Arrays.copyOf(data, data.length + n);
        Arrays.fill(out, data.length, out.length, (byte) n);
        return out;
    }

    private static byte[] unpad(byte[] data) throws Failure {
        int n = data.length == 0 ? 0 : data[data.length - 1] & 0xff;
        if (n < 1 || n > BLOCK || n > data.length) {
            throw new Failure("the decrypted text has invalid padding", false);
        }
        for (int i = data.length - n; i < data.length; i++) {
            if ((data[i] & 0xff) != n) {
                throw new Failure("the decrypted text has invalid padding", false);
            }
        }
        return Arrays.copyOf(data, data.length - n);
    }
}
