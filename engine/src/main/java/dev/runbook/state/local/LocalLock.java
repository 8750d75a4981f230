package dev.runbook.state.local;

import dev.runbook.state.Json;
import dev.runbook.state.LockHeldException;
import dev.runbook.state.LockHolder;
import dev.runbook.state.RunLock;
import dev.runbook.state.StateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A lock file held with an operating-system lock ({@code fcntl}): the system releases it when
 * the holder dies however it dies, so a lock that can be taken while the file still names a
 * holder was left by a dead process. The file says who holds it; it is emptied, not deleted,
 * on release (deleting would let two processes lock two different files of the same name).
 */
final class LocalLock implements RunLock {
    private final FileChannel channel;
    private final FileLock lock;
    private final LockHolder takenOver;

    private LocalLock(FileChannel channel, FileLock lock, LockHolder takenOver) {
        this.channel = channel;
        this.lock = lock;
        this.takenOver = takenOver;
    }

    static LocalLock take(Path file, LockHolder me) {
        FileChannel ch = null;
        try {
            Files.createDirectories(file.getParent());
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // held by this very process (another run in the same JVM)
            }
            if (l == null) {
                LockHolder holder = holder(ch);
                ch.close();
                throw new LockHeldException("another apply of " + me.runbook() + " is running: "
                        + (holder == null ? "its holder has not written its name yet (" + file + ")" : holder.describe()), holder);
            }
            LockHolder stale = holder(ch);
            byte[] mine = Json.line(me.toMap()).getBytes(StandardCharsets.UTF_8);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(mine), 0);
            ch.force(false);
            return new LocalLock(ch, l, stale);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new StateException("cannot take the lock " + file + ": " + LocalRunStore.reason(e), e);
        }
    }

    private static LockHolder holder(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0 || size > 64 * 1024) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate((int) size);
        ch.read(b, 0);
        Map<String, Object> m = Json.parse(new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip());
        return m == null ? null : LockHolder.of(m);
    }

    @Override
    public LockHolder takenOver() {
        return takenOver;
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            // the lock goes with the channel anyway
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
