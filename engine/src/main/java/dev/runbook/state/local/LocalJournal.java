package dev.runbook.state.local;

import dev.runbook.state.Json;
import dev.runbook.state.JournalWriter;
import dev.runbook.state.StateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A journal file written with plain {@code write(2)} calls (nothing buffered in the process,
 * so a killed process loses nothing it appended) and made durable with {@code fsync}, grouped:
 * while one thread syncs, the others queue behind it and usually find their records already
 * covered when their turn comes.
 */
final class LocalJournal implements JournalWriter {
    private final Path file;
    private final Path outputDir;
    private final FileChannel channel;
    private final Object syncLock = new Object();
    private final Map<String, FileChannel> outputs = new HashMap<>();
    private long written;
    private volatile long synced;

    LocalJournal(Path runDir, Consumer<String> warnings) {
        this.file = runDir.resolve(LocalRunStore.JOURNAL);
        this.outputDir = runDir.resolve("output");
        try {
            boolean created = !Files.exists(runDir);
            Files.createDirectories(runDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            written = dropTornTail(warnings);
            channel.position(written);
            synced = written;
            if (created) {
                syncDirectory(runDir.getParent());
            }
        } catch (IOException e) {
            throw new StateException("cannot open the journal " + file + ": " + LocalRunStore.reason(e), e);
        }
    }

    /** A record the process was writing when it died is cut off (never an earlier one). */
    private long dropTornTail(Consumer<String> warnings) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return 0;
        }
        long pos = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (pos > 0) {
            one.clear();
            channel.read(one, pos - 1);
            if (one.get(0) == '\n') {
                break;
            }
            pos--;
        }
        if (pos < size) {
            warnings.accept(file + ": the last record was torn (" + (size - pos) + " bytes, written when the process died); it is ignored");
            channel.truncate(pos);
            channel.force(false);
        }
        return pos;
    }

    @Override
    public long append(Map<String, Object> record) {
        byte[] line = (Json.line(record) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                ByteBuffer b = ByteBuffer.wrap(line);
                while (b.hasRemaining()) {
                    channel.write(b);
                }
                written += line.length;
                return written;
            } catch (IOException e) {
                throw new StateException("cannot write the journal " + file + ": " + LocalRunStore.reason(e), e);
            }
        }
    }

    @Override
    public void sync(long position) {
        if (synced >= position) {
            return;
        }
        synchronized (syncLock) {
            if (synced >= position) {
                return; // another thread's sync covered it
            }
            long target;
            synchronized (this) {
                target = written;
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new StateException("cannot sync the journal " + file + ": " + LocalRunStore.reason(e), e);
            }
            synced = target;
        }
    }

    @Override
    public synchronized void output(String host, Map<String, Object> line) {
        try {
            FileChannel out = outputs.get(host);
            if (out == null) {
                Files.createDirectories(outputDir);
                out = FileChannel.open(outputDir.resolve(LocalRunStore.fileName(host) + ".jsonl"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                outputs.put(host, out);
            }
            ByteBuffer b = ByteBuffer.wrap((Json.line(line) + "\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                out.write(b);
            }
        } catch (IOException e) {
            throw new StateException("cannot write task output under " + outputDir + ": " + LocalRunStore.reason(e), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
            for (FileChannel c : outputs.values()) {
                c.close();
            }
        } catch (IOException e) {
            // closing after the last sync: nothing left to lose
        }
    }

    static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every file system lets a directory be synced; the journal's own fsync still holds
        }
    }
}
