package dev.runbook.modules.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads an archive file on the controller: zip, tar or gzip-compressed tar, told apart by their
 * first bytes rather than the file name.
 */
final class ArchiveReader {
    private static final int S_IFMT = 0170000;
    private static final int S_IFLNK = 0120000;

    private ArchiveReader() {
    }

    /** Every entry with the sha256 of each regular file, in archive order. */
    static List<TreeEntry> list(Path archive) throws IOException {
        List<TreeEntry> out = new ArrayList<>();
        each(archive, (meta, content) -> out.add(meta.isFile() ? hashed(meta, content) : meta));
        return out;
    }

    static void each(Path archive, TarReader.Visitor visitor) throws IOException {
        try {
            eachEntry(archive, visitor);
        } catch (java.io.EOFException e) {
            throw new IOException("the archive is truncated", e);
        } catch (IOException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new IOException("the archive is damaged (" + e.getClass().getSimpleName() + ")", e);
            }
            throw e;
        } catch (IllegalArgumentException | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            // java.util.zip's reaction to some malformed headers and names
            throw new IOException("the archive is damaged (" + e.getMessage() + ")", e);
        }
    }

    private static void eachEntry(Path archive, TarReader.Visitor visitor) throws IOException {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(archive)) {
            int n = in.readNBytes(magic, 0, 4);
            if (n == 0) {
                throw new IOException("the archive is empty");
            }
        }
        if (magic[0] == 'P' && magic[1] == 'K') {
            zip(archive, visitor);
        } else if ((magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 65536)) {
                TarReader.read(in, visitor);
            }
        } else if (magic[0] == 'B' && magic[1] == 'Z' || (magic[0] & 0xff) == 0xfd && magic[1] == '7') {
            throw new IOException("bzip2 and xz archives are not supported; use .zip, .tar or .tar.gz");
        } else {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 65536)) {
                TarReader.read(in, visitor);
            }
        }
    }

    private static void zip(Path archive, TarReader.Visitor visitor) throws IOException {
        Map<String, Integer> modes = ZipModes.read(archive);
        try (ZipFile zf = new ZipFile(archive.toFile(), StandardCharsets.UTF_8)) {
            Enumeration<? extends ZipEntry> entries = zf.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                Integer full = modes.get(e.getName());
                long mtime = e.getTime() < 0 ? -1 : e.getTime() / 1000;
                String path = e.isDirectory() ? e.getName().substring(0, e.getName().length() - 1) : e.getName();
                try (InputStream content = zf.getInputStream(e)) {
                    if (full != null && (full & S_IFMT) == S_IFLNK) {
                        String target = new String(content.readAllBytes(), StandardCharsets.UTF_8);
                        visitor.entry(new TreeEntry(path, 'l', 0777, 0, mtime, null, target, null, null), InputStream.nullInputStream());
                    } else {
                        int mode = full == null ? -1 : full & 07777;
                        char type = e.isDirectory() ? 'd' : 'f';
                        visitor.entry(new TreeEntry(path, type, mode, Math.max(0, e.getSize()), mtime, null, null, null, null), content);
                    }
                }
            }
        }
    }

    /** The entry with its content's sha256 and its true size (zip sizes can be absent). */
    private static TreeEntry hashed(TreeEntry meta, InputStream content) throws IOException {
        long[] size = new long[1];
        String hex = sha256(content, size);
        return new TreeEntry(meta.path(), meta.type(), meta.mode(), size[0], meta.mtime(), hex, null, null, null);
    }

    static String sha256(InputStream in) throws IOException {
        return sha256(in, new long[1]);
    }

    private static String sha256(InputStream in, long[] size) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
                size[0] += n;
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
