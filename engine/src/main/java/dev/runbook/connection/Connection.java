package dev.runbook.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The transport to one host, kept tiny: run, upload, download, close. Become, retries, facts and
 * templating live above it, so local, SSH and scripted fakes swap freely. Implementations are
 * thread-safe: independent steps of one host run commands in parallel over one connection.
 */
public interface Connection extends AutoCloseable {

    /** Host name as in the inventory. */
    String host();

    /**
     * Runs a command and waits for it (or its timeout). A non-zero exit is a result, not an
     * exception; {@link ConnectionException} means the host could not be reached or dropped.
     */
    CommandResult run(CommandRequest request) throws ConnectionException, InterruptedException;

    /**
     * Writes {@code data} to {@code remotePath} atomically: to a temporary file beside it, then
     * renamed over, so a dropped connection never leaves a half-written file in place.
     */
    void upload(InputStream data, String remotePath, FileAttrs attrs) throws ConnectionException, IOException;

    /** Copies the remote file's bytes to {@code out}. */
    void download(String remotePath, OutputStream out) throws ConnectionException, IOException;

    /** True while planning: only read-only commands pass, uploads are refused. */
    default boolean isReadOnly() {
        return false;
    }

    @Override
    void close();
}
