package dev.runbook.modules.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a tar stream: ustar (with its name prefix), GNU long names and links ('L', 'K') and
 * POSIX pax records ('x': path, linkpath, size). Regular files, directories and symbolic links
 * are reported; devices and fifos are skipped; hard links are refused with a clear message.
 */
final class TarReader {
    private static final int BLOCK = 512;

    /** Receives each entry; {@code content} holds a file's bytes and must not be closed. */
    interface Visitor {
        void entry(TreeEntry meta, InputStream content) throws IOException;
    }

    private TarReader() {
    }

    static void read(InputStream in, Visitor visitor) throws IOException {
        byte[] h = new byte[BLOCK];
        String longName = null;
        String longLink = null;
        Map<String, String> pax = new HashMap<>();
        while (readBlock(in, h)) {
            if (isZero(h)) {
                return;
            }
            verifyChecksum(h);
            char type = (char) h[156];
            long size = pax.containsKey("size") ? Long.parseLong(pax.get("size")) : number(h, 124, 12);
            switch (type) {
                case 'L' -> longName = trimNul(new String(readAll(in, size), StandardCharsets.UTF_8));
                case 'K' -> longLink = trimNul(new String(readAll(in, size), StandardCharsets.UTF_8));
                case 'x' -> pax = parsePax(readAll(in, size));
                case 'g' -> skip(in, size);
                default -> {
                    String name = longName != null ? longName : pax.getOrDefault("path", ustarName(h));
                    String link = longLink != null ? longLink : pax.getOrDefault("linkpath", string(h, 157, 100));
                    deliver(in, visitor, h, type, name, link, size);
                    longName = null;
                    longLink = null;
                    pax = new HashMap<>();
                }
            }
        }
        throw new IOException("the tar archive ends without its end-of-archive blocks (truncated download?)");
    }

    private static void deliver(InputStream in, Visitor visitor, byte[] h, char type, String name, String link,
                                long size) throws IOException {
        int mode = (int) number(h, 100, 8) & 07777;
        long mtime = number(h, 136, 12);
        String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        switch (type) {
            case '0', '\0', '7' -> {
                Bounded content = new Bounded(in, size);
                visitor.entry(new TreeEntry(path, 'f', mode, size, mtime, null, null, null, null), content);
                content.skipRest();
                skip(in, padding(size));
            }
            case '5' -> visitor.entry(new TreeEntry(path, 'd', mode, 0, mtime, null, null, null, null), InputStream.nullInputStream());
            case '2' -> visitor.entry(new TreeEntry(path, 'l', 0777, 0, mtime, null, link, null, null), InputStream.nullInputStream());
            case '1' -> throw new IOException("hard links are not supported: entry '" + name + "' links to '" + link
                    + "'; repack the archive without hard links");
            default -> skip(in, size + padding(size));
        }
    }

    private static String ustarName(byte[] h) {
        String name = string(h, 0, 100);
        String magic = string(h, 257, 6);
        String prefix = magic.startsWith("ustar") && !magic.equals("ustar ") ? string(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** pax records: "LEN key=value\n", LEN counting the whole record. */
    static Map<String, String> parsePax(byte[] data) throws IOException {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        while (i < data.length) {
            int sp = i;
            while (sp < data.length && data[sp] != ' ') {
                sp++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(data, i, sp - i, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException("damaged pax header in the tar archive");
            }
            if (len <= 0 || i + len > data.length) {
                throw new IOException("damaged pax header in the tar archive");
            }
            String rec = new String(data, sp + 1, i + len - sp - 2, StandardCharsets.UTF_8);
            int eq = rec.indexOf('=');
            if (eq > 0) {
                out.put(rec.substring(0, eq), rec.substring(eq + 1));
            }
            i += len;
        }
        return out;
    }

    private static void verifyChecksum(byte[] h) throws IOException {
        long stored = number(h, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : h[i] & 0xff;
        }
        if (sum != stored) {
            throw new IOException("not a tar archive, or a damaged one (header checksum mismatch)");
        }
    }

    static long number(byte[] h, int off, int len) throws IOException {
        if ((h[off] & 0x80) != 0) {
            long v = 0;
            for (int i = off + 1; i < off + len; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        String s = string(h, off, len).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("not a tar archive, or a damaged one (bad number '" + s + "' in a header)");
        }
    }

    private static String string(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static String trimNul(String s) {
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    private static boolean readBlock(InputStream in, byte[] h) throws IOException {
        int n = in.readNBytes(h, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new IOException("the tar archive is truncated");
        }
        return true;
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readAll(InputStream in, long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("a tar extended header of " + size + " bytes is too large");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new IOException("the tar archive is truncated");
        }
        skip(in, padding(size));
        return data;
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static void skip(InputStream in, long n) throws IOException {
        in.skipNBytes(n);
    }

    /** A view of the next {@code size} bytes of the archive. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("the tar archive is truncated");
            }
            left -= n;
            return n;
        }

        void skipRest() throws IOException {
            in.skipNBytes(left);
            left = 0;
        }

        @Override
        public void close() {
            // the archive stream stays open for the next entry
        }
    }
}
