package dev.runbook.modules.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Content to put on a host: bytes in memory (content:, templates, edited files) or a file on
 * the controller, streamed so that large files are never held in memory.
 */
public final class Content {
    private final byte[] bytes;
    private final Path file;
    private final String sha256;
    private final long size;

    private Content(byte[] bytes, Path file, String sha256, long size) {
        this.bytes = bytes;
        this.file = file;
        this.sha256 = sha256;
        this.size = size;
    }

    public static Content of(byte[] bytes) {
        return new Content(bytes.clone(), null, Steps.sha256(bytes), bytes.length);
    }

    /** A controller file; its checksum is computed once, here. */
    public static Content of(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return new Content(null, file, HexFormat.of().formatHex(md.digest()), Files.size(file));
    }

    public String sha256() {
        return sha256;
    }

    public long size() {
        return size;
    }

    public InputStream open() throws IOException {
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    /** The bytes for a diff, or null when too large to show. */
    public byte[] forDiff(long limit) {
        if (size > limit) {
            return null;
        }
        try {
            return bytes != null ? bytes.clone() : Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
