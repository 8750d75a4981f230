package dev.runbook.modules.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a tar stream (ustar headers, GNU long-name records for paths over 100 bytes) that GNU
 * and busybox tar extract. Used for the payloads the controller sends to a target.
 */
final class TarWriter implements Closeable {
    private static final int BLOCK = 512;
    private final OutputStream out;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    void dir(String path, int mode, long mtime) throws IOException {
        header(path.endsWith("/") ? path : path + "/", '5', mode, 0, mtime, "");
    }

    void symlink(String path, String target, long mtime) throws IOException {
        header(path, '2', 0777, 0, mtime, target);
    }

    /** A regular file; exactly {@code size} bytes are copied from {@code content}. */
    void file(String path, int mode, long mtime, long size, InputStream content) throws IOException {
        header(path, '0', mode, size, mtime, "");
        long copied = content.transferTo(new LimitedOutput(out, size));
        if (copied != size) {
            throw new IOException(path + " changed size while it was being packed (" + size + " bytes expected, " + copied + " read)");
        }
        pad(size);
    }

    private void header(String name, char type, int mode, long size, long mtime, String link) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] linkBytes = link.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            longRecord('L', nameBytes);
        }
        if (linkBytes.length > 100) {
            longRecord('K', linkBytes);
        }
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, nameBytes);
        octal(h, 100, 8, mode & 07777);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, Math.max(0, mtime));
        h[156] = (byte) type;
        put(h, 157, 100, linkBytes);
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        writeHeader(h);
    }

    /** GNU tar's ././@LongLink record: the full name as the content of a pseudo entry. */
    private void longRecord(char type, byte[] value) throws IOException {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, "././@LongLink".getBytes(StandardCharsets.US_ASCII));
        octal(h, 100, 8, 0);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, value.length + 1L);
        octal(h, 136, 12, 0);
        h[156] = (byte) type;
        put(h, 257, 8, "ustar  \0".getBytes(StandardCharsets.US_ASCII));
        writeHeader(h);
        out.write(value);
        out.write(0);
        pad(value.length + 1L);
    }

    private void writeHeader(byte[] h) throws IOException {
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] digits = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, h, 148, 6);
        h[154] = 0;
        h[155] = ' ';
        out.write(h);
    }

    private static void put(byte[] h, int off, int len, byte[] value) {
        System.arraycopy(value, 0, h, off, Math.min(len, value.length));
    }

    private static void octal(byte[] h, int off, int len, long value) throws IOException {
        String s = Long.toOctalString(value);
        if (s.length() > len - 1) {
            throw new IOException("value " + value + " too large for a tar header field");
        }
        put(h, off, len, ("0".repeat(len - 1 - s.length()) + s).getBytes(StandardCharsets.US_ASCII));
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    @Override
    public void close() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.close();
    }

    /** Passes at most {@code limit} bytes through; a longer source fails rather than corrupting the stream. */
    private static final class LimitedOutput extends OutputStream {
        private final OutputStream out;
        private long left;

        LimitedOutput(OutputStream out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                throw new IOException("a file grew while it was being packed");
            }
            out.write(b, off, len);
            left -= len;
        }
    }
}
