package dev.runbook.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The plan-mode guard around any transport: commands a module did not mark read-only and every
 * upload are refused with {@link ReadOnlyViolation}, so a module bug cannot change a host.
 */
public final class ReadOnlyConnection implements Connection {
    private final Connection inner;

    public ReadOnlyConnection(Connection inner) {
        this.inner = inner;
    }

    @Override
    public String host() {
        return inner.host();
    }

    @Override
    public CommandResult run(CommandRequest request) throws ConnectionException, InterruptedException {
        if (!request.readOnly()) {
            throw new ReadOnlyViolation("refused in plan mode: a command not marked read-only: "
                    + request.command().toShellLine());
        }
        return inner.run(request);
    }

    @Override
    public void upload(InputStream data, String remotePath, FileAttrs attrs) {
        throw new ReadOnlyViolation("refused in plan mode: upload to " + remotePath);
    }

    @Override
    public void download(String remotePath, OutputStream out) throws ConnectionException, IOException {
        inner.download(remotePath, out);
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public void close() {
        inner.close();
    }
}
