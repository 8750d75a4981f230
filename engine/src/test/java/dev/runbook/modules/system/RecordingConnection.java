package dev.runbook.modules.system;

import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.FileAttrs;
import dev.runbook.connection.local.LocalConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The local connection, remembering every request (to assert that plans only probe). */
final class RecordingConnection implements Connection {
    final List<CommandRequest> sent = new CopyOnWriteArrayList<>();
    private final Connection inner = new LocalConnection("localhost");
    private final Runnable afterEachRun;

    RecordingConnection() {
        this(() -> { });
    }

    RecordingConnection(Runnable afterEachRun) {
        this.afterEachRun = afterEachRun;
    }

    boolean allReadOnly() {
        return sent.stream().allMatch(CommandRequest::readOnly);
    }

    @Override
    public String host() {
        return inner.host();
    }

    @Override
    public CommandResult run(CommandRequest request) throws ConnectionException, InterruptedException {
        sent.add(request);
        CommandResult r = inner.run(request);
        afterEachRun.run();
        return r;
    }

    @Override
    public void upload(InputStream data, String remotePath, FileAttrs attrs) throws ConnectionException, IOException {
        inner.upload(data, remotePath, attrs);
    }

    @Override
    public void download(String remotePath, OutputStream out) throws ConnectionException, IOException {
        inner.download(remotePath, out);
    }

    @Override
    public void close() {
        inner.close();
    }
}
