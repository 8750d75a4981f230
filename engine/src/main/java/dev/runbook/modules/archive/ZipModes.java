package dev.runbook.modules.archive;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Unix file modes stored in a zip's central directory (java.util.zip does not expose the
 * "external attributes"). Entries made on other systems, or a zip64 directory, give no mode:
 * those files get the defaults.
 */
final class ZipModes {
    private static final int EOCD = 0x06054b50;
    private static final int CENTRAL = 0x02014b50;

    private ZipModes() {
    }

    /** Entry name to its full st_mode (type bits included); names without Unix attributes are absent. */
    static Map<String, Integer> read(Path zip) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(zip.toFile(), "r")) {
            ByteBuffer dir = centralDirectory(f);
            Map<String, Integer> modes = new HashMap<>();
            while (dir != null && dir.remaining() >= 46 && dir.getInt(dir.position()) == CENTRAL) {
                int p = dir.position();
                int madeBy = (dir.getShort(p + 4) >> 8) & 0xff;
                int nameLen = dir.getShort(p + 28) & 0xffff;
                int extraLen = dir.getShort(p + 30) & 0xffff;
                int commentLen = dir.getShort(p + 32) & 0xffff;
                int external = dir.getInt(p + 38);
                if ((long) p + 46 + nameLen + extraLen + commentLen > dir.limit()) {
                    throw new IOException("the zip archive is damaged: an entry of its central directory runs past its end");
                }
                byte[] name = new byte[nameLen];
                dir.position(p + 46);
                dir.get(name);
                int mode = external >>> 16;
                if (madeBy == 3 && mode != 0) {
                    modes.put(new String(name, StandardCharsets.UTF_8), mode);
                }
                dir.position(p + 46 + nameLen + extraLen + commentLen);
            }
            return modes;
        }
    }

    private static ByteBuffer centralDirectory(RandomAccessFile f) throws IOException {
        long len = f.length();
        int tail = (int) Math.min(len, 65_557);
        byte[] buf = new byte[tail];
        f.seek(len - tail);
        f.readFully(buf);
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = tail - 22; i >= 0; i--) {
            if (b.getInt(i) == EOCD) {
                long size = b.getInt(i + 12) & 0xffffffffL;
                long offset = b.getInt(i + 16) & 0xffffffffL;
                if (offset == 0xffffffffL || offset + size > len) {
                    return null;
                }
                byte[] dir = new byte[(int) size];
                f.seek(offset);
                f.readFully(dir);
                return ByteBuffer.wrap(dir).order(ByteOrder.LITTLE_ENDIAN);
            }
        }
        return null;
    }
}
