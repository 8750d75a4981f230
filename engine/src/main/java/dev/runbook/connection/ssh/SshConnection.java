package dev.runbook.connection.ssh;

import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.FileAttrs;
import dev.runbook.connection.ReadOnlyViolation;
import dev.runbook.connection.ShellLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.SFTPClient;

/**
 * One SSH connection to one host, shared by all of that host's parallel steps. At most
 * {@code maxChannels} commands or transfers run at once (OpenSSH refuses more than MaxSessions,
 * 10 by default); the rest queue. A connection found dropped before a command starts is opened
 * again, once per command; a drop during a command is reported, never re-run.
 */
final class SshConnection implements Connection {
    private static final Duration OPEN_RETRY = Duration.ofSeconds(2);
    private final SshTarget target;
    private final SshLogin login;
    private final boolean readOnly;
    private final Semaphore channels;
    private final ExecutorService pool;
    private SshLogin.Link link;
    private boolean closed;

    SshConnection(SshTarget target, SshLogin login, SshLogin.Link link, boolean readOnly, int maxChannels,
                  ExecutorService pool) {
        this.target = target;
        this.login = login;
        this.link = link;
        this.readOnly = readOnly;
        this.channels = new Semaphore(maxChannels, true);
        this.pool = pool;
    }

    @Override
    public String host() {
        return target.host();
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public CommandResult run(CommandRequest request) throws ConnectionException, InterruptedException {
        if (readOnly && !request.readOnly()) {
            throw new ReadOnlyViolation("plan mode: a command that may change " + host()
                    + " was not run: " + request.command().toShellLine());
        }
        String line = ShellLine.of(request);
        channels.acquire();
        try {
            Session session = channel(SshLogin.Link::session);
            return new RemoteCommand(host(), pool).run(session, line, request);
        } finally {
            channels.release();
        }
    }

    @Override
    public void upload(InputStream data, String remotePath, FileAttrs attrs) throws ConnectionException, IOException {
        if (readOnly) {
            throw new ReadOnlyViolation("plan mode: upload of " + remotePath + " to " + host() + " was refused");
        }
        acquire();
        try {
            new SftpTransfer(host(), this::runOwned).upload(channel(SshLogin.Link::sftp), data, remotePath, attrs);
        } finally {
            channels.release();
        }
    }

    @Override
    public void download(String remotePath, OutputStream out) throws ConnectionException, IOException {
        acquire();
        try {
            new SftpTransfer(host(), this::runOwned).download(channel(SshLogin.Link::sftp), remotePath, out);
        } finally {
            channels.release();
        }
    }

    /** Runs a helper command on a channel slot the caller already holds. */
    private CommandResult runOwned(CommandRequest request) throws ConnectionException, InterruptedException {
        Session session = channel(SshLogin.Link::session);
        return new RemoteCommand(host(), pool).run(session, ShellLine.of(request), request);
    }

    private void acquire() throws ConnectionException {
        try {
            channels.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException(ConnectionException.Cause.OTHER, "interrupted while waiting for " + host());
        }
    }

    interface Opener<T> {
        T open(SshLogin.Link link) throws IOException;
    }

    /** Opens a channel; a connection found dead is re-opened, at most once for this channel. */
    private <T> T channel(Opener<T> opener) throws ConnectionException {
        SshLogin.Link l = current();
        boolean reopened = false;
        if (!l.alive()) {
            l = reopen(l);
            reopened = true;
        }
        try {
            return openRefusedRetry(opener, l);
        } catch (IOException e) {
            if (l.alive() || reopened) {
                throw Failures.dropped(host(), "while opening a channel", false, e);
            }
        }
        SshLogin.Link fresh = reopen(l);
        try {
            return openRefusedRetry(opener, fresh);
        } catch (IOException e) {
            throw Failures.dropped(host(), "while opening a channel", false, e);
        }
    }

    /**
     * OpenSSH frees a finished session's slot only after it has processed our close, so a new
     * channel opened right after the last one ended can be refused although fewer than
     * MaxSessions are in use: such a refusal is retried for a short while.
     */
    private static <T> T openRefusedRetry(Opener<T> opener, SshLogin.Link l) throws IOException {
        long deadline = System.nanoTime() + OPEN_RETRY.toNanos();
        long pause = 1;
        while (true) {
            try {
                return opener.open(l);
            } catch (OpenFailException e) {
                if (!l.alive() || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pause); // back-off before asking the server again
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while opening a channel", ie);
            }
            pause = Math.min(pause * 2, 50);
        }
    }

    private synchronized SshLogin.Link current() throws ConnectionException {
        if (closed) {
            throw new ConnectionException(ConnectionException.Cause.OTHER, "connection to " + host() + " is closed");
        }
        return link;
    }

    /** Replaces {@code stale} by a new login unless another thread already did. */
    private synchronized SshLogin.Link reopen(SshLogin.Link stale) throws ConnectionException {
        if (closed) {
            throw new ConnectionException(ConnectionException.Cause.OTHER, "connection to " + host() + " is closed");
        }
        if (link == stale) {
            stale.close();
            link = login.open(target);
        }
        return link;
    }

    @Override
    public synchronized void close() {
        closed = true;
        link.close();
    }

    /** For tests: the client in use, to break it from the outside. */
    synchronized SshLogin.Link link() {
        return link;
    }
}
