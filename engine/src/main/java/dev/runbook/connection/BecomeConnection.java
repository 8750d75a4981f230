package dev.runbook.connection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Runs every command of another connection (local or SSH) through {@code sudo -u USER}. The
 * password never appears in argv: it is the first line of sudo's stdin ({@code -S}), behind a
 * random prompt marker, and {@code -k} makes sudo always ask for it, so it can never end up as the
 * command's input. A wrong password is a failed command with a plain message, not a hang.
 */
public final class BecomeConnection implements Connection {
    public static final String DEFAULT_USER = "root";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration BACKSTOP = Duration.ofSeconds(3);

    private final Connection inner;
    private final String user;
    private final String password;
    private final String marker;
    private volatile Boolean passwordless;

    /** @param becomeUser null for root; @param becomePassword null when sudo needs none */
    public BecomeConnection(Connection inner, String becomeUser, String becomePassword) {
        this.inner = inner;
        this.user = becomeUser == null || becomeUser.isBlank() ? DEFAULT_USER : becomeUser;
        this.password = becomePassword;
        this.marker = "[runbook-sudo-" + random() + "]";
    }

    @Override
    public String host() {
        return inner.host();
    }

    @Override
    public boolean isReadOnly() {
        return inner.isReadOnly();
    }

    public String becomeUser() {
        return user;
    }

    @Override
    public CommandResult run(CommandRequest request) throws ConnectionException, InterruptedException {
        // the timeout runs inside sudo: only a process of the become user can stop the command's children
        String line = ShellLine.withTimeout(ShellLine.of(request), request.timeout());
        if (password == null || passwordless()) {
            CommandResult r = inner.run(plain(request, "sudo", "-n", "-u", user, "--", "/bin/sh", "-c", line));
            if (!SudoOutput.needsPassword(r)) {
                return timed(r, request, r.stderr());
            }
            if (password == null) {
                return failure(r, "become: sudo on " + host() + " needs a password to run commands as " + user
                        + "; set become_password (ansible_become_password) or allow NOPASSWD in sudoers");
            }
            passwordless = false; // sudo refused before running anything: safe to run it again
        }
        return withPassword(request, line);
    }

    private CommandResult withPassword(CommandRequest request, String line)
            throws ConnectionException, InterruptedException {
        byte[] secret = (password + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] data = request.stdin();
        byte[] stdin = new byte[secret.length + data.length];
        System.arraycopy(secret, 0, stdin, 0, secret.length);
        System.arraycopy(data, 0, stdin, secret.length, data.length);
        CommandRequest sudo = plain(request, "sudo", "-k", "-S", "-p", marker, "-u", user, "--", "/bin/sh", "-c", line)
                .withStdin(stdin).withSink(SudoOutput.filter(request.sink(), marker));
        CommandResult r = inner.run(sudo);
        if (SudoOutput.wrongPassword(r, marker)) {
            return failure(r, "become: incorrect sudo password for " + user + " on " + host());
        }
        return timed(r, request, SudoOutput.strip(r.stderr(), marker));
    }

    /** Exit 124 after the timeout is the timeout inside sudo, the same as the transport's own. */
    private static CommandResult timed(CommandResult r, CommandRequest request, String stderr) {
        boolean expired = !request.timeout().isZero() && r.duration().compareTo(request.timeout()) >= 0
                && (r.exitCode() == 124 || r.exitCode() == 128 + 9);
        boolean timedOut = r.timedOut() || expired;
        return new CommandResult(timedOut ? 124 : r.exitCode(), r.stdout(), stderr, r.duration(), timedOut);
    }

    /** Whether sudo runs without a password here (NOPASSWD, or already root); asked once. */
    private boolean passwordless() throws ConnectionException, InterruptedException {
        Boolean known = passwordless;
        if (known == null) {
            CommandResult probe = inner.run(CommandRequest.readOnly(
                    Command.Argv.of("sudo", "-k", "-n", "-u", user, "--", "true")));
            known = probe.exitCode() == 0;
            passwordless = known;
        }
        return known;
    }

    /** The sudo command; the transport's own timeout comes a little later, as a backstop. */
    private static CommandRequest plain(CommandRequest request, String... argv) {
        Duration outer = request.timeout().isZero() ? Duration.ZERO : request.timeout().plus(BACKSTOP);
        return new CommandRequest(Command.Argv.of(argv), request.stdin(), null, null, outer,
                request.readOnly(), request.sink());
    }

    private static CommandResult failure(CommandResult r, String message) {
        return new CommandResult(1, "", message, r.duration(), false);
    }

    @Override
    public void upload(InputStream data, String remotePath, FileAttrs attrs) throws ConnectionException, IOException {
        if (inner.isReadOnly()) {
            throw new ReadOnlyViolation("plan mode: upload of " + remotePath + " to " + host() + " was refused");
        }
        try {
            new BecomeUpload(inner, this::runChecked, user).upload(data, remotePath, attrs, random());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void download(String remotePath, OutputStream out) throws ConnectionException, IOException {
        CommandResult r = runChecked(CommandRequest.readOnly(Command.Argv.of("base64", "--", remotePath)));
        if (!r.ok()) {
            throw new IOException("cannot read " + remotePath + " on " + host() + " as " + user + ": "
                    + r.stderr().strip());
        }
        out.write(Base64.getMimeDecoder().decode(r.stdout()));
    }

    private CommandResult runChecked(CommandRequest request) throws ConnectionException, IOException {
        try {
            return run(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static String random() {
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        return HexFormat.of().formatHex(r);
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toByteArray();
    }

    @Override
    public void close() {
        inner.close();
    }
}
