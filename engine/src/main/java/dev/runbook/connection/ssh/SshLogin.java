package dev.runbook.connection.ssh;

import dev.runbook.connection.ConnectionException;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthKeyboardInteractive;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.method.PasswordResponseProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/** Opens authenticated SSH clients: TCP (or a tunnel through a jump host), host key, login. */
final class SshLogin {
    /** sshj's default wait for key re-exchange and service replies after login. */
    private static final int HANDSHAKE_TIMEOUT_MS = 30_000;

    private final Config config;
    private final KnownHosts knownHosts;
    private final KeyFiles keyFiles;
    private final TargetResolver resolver;
    private final SshAgent agent;
    private final HandshakeGate gate;

    SshLogin(KnownHosts knownHosts, KeyFiles keyFiles, TargetResolver resolver, SshAgent agent, HandshakeGate gate) {
        DefaultConfig c = new DefaultConfig();
        c.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        this.config = c;
        this.knownHosts = knownHosts;
        this.keyFiles = keyFiles;
        this.resolver = resolver;
        this.agent = agent;
        this.gate = gate;
    }

    /** An open login: the client, and the jump host's client it tunnels through (or null). */
    record Link(SSHClient client, SSHClient jump) implements AutoCloseable {
        boolean alive() {
            return client.isConnected() && client.isAuthenticated();
        }

        Session session() throws IOException {
            try {
                return client.startSession();
            } catch (IllegalStateException e) { // sshj's "Not connected": the link dropped since it was checked
                throw new IOException("the connection closed: " + e.getMessage(), e);
            }
        }

        SFTPClient sftp() throws IOException {
            try {
                return client.newSFTPClient();
            } catch (IllegalStateException e) {
                throw new IOException("the connection closed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            quietly(client);
            if (jump != null) {
                quietly(jump);
            }
        }

        private static void quietly(SSHClient c) {
            try {
                c.disconnect();
            } catch (IOException | RuntimeException e) {
                // already gone
            }
        }
    }

    /** Logs in, in a handshake slot, retried while it times out (see {@link HandshakeGate}). */
    Link open(SshTarget t) throws ConnectionException {
        return gate.open(t.host(), () -> openOnce(t));
    }

    private Link openOnce(SshTarget t) throws ConnectionException {
        SSHClient jump = null;
        if (t.proxyJump() != null) {
            SshTarget j = resolver.jumpTarget(t);
            jump = openOnce(j).client();
            try {
                return new Link(connect(t, jump), jump);
            } catch (ConnectionException e) {
                new Link(jump, null).close();
                throw e;
            }
        }
        return new Link(connect(t, null), null);
    }

    private SSHClient connect(SshTarget t, SSHClient jump) throws ConnectionException {
        SSHClient c = new SSHClient(config);
        KnownHosts.Check check = knownHosts.newCheck(t.host());
        c.addHostKeyVerifier(check);
        // decrypting keys can take a while: done before connecting, so it never counts against the server's patience
        KeyFiles.Loaded keys = keyFiles.load(c, t);
        int timeoutMs = (int) t.connectTimeout().toMillis();
        c.setConnectTimeout(timeoutMs);
        c.setTimeout(timeoutMs); // bounds the wait for the server's greeting, which is read on the socket
        c.getTransport().setTimeoutMs(Math.max(timeoutMs, 1000));
        keepAlive(c, t.keepAlive());
        try {
            if (jump == null) {
                c.connect(t.address(), t.port());
                noDelay(c.getSocket());
            } else {
                DirectConnection tunnel = jump.newDirectConnection(t.address(), t.port());
                c.connectVia(tunnel);
            }
        } catch (IOException | RuntimeException e) {
            new Link(c, null).close();
            throw Failures.connect(t, e, check.refusal(), jump != null);
        }
        authenticate(c, t, keys);
        idleForever(c);
        return c;
    }

    /** sshj's keep-alive thread: one request every interval, the connection dies after countMax unanswered. */
    private static void keepAlive(SSHClient c, SshTarget.KeepAlive k) {
        net.schmizz.keepalive.KeepAlive alive = c.getConnection().getKeepAlive();
        alive.setKeepAliveInterval((int) k.interval().toSeconds());
        if (alive instanceof KeepAliveRunner runner) {
            runner.setMaxAliveCount(k.countMax());
        }
    }

    /** Once logged in, silence is normal (keepalives watch the line): no more read timeout. */
    private static void idleForever(SSHClient c) throws ConnectionException {
        c.getTransport().setTimeoutMs(HANDSHAKE_TIMEOUT_MS);
        Socket s = c.getSocket();
        if (s != null) {
            try {
                s.setSoTimeout(0);
            } catch (IOException e) {
                new Link(c, null).close();
                throw new ConnectionException(ConnectionException.Cause.DROPPED, "connection closed right after login",
                        false, e);
            }
        }
    }

    /** Without TCP_NODELAY every small command round trip waits on Nagle's algorithm (~40 ms). */
    private static void noDelay(Socket s) throws IOException {
        if (s != null) {
            s.setTcpNoDelay(true);
        }
    }

    private void authenticate(SSHClient c, SshTarget t, KeyFiles.Loaded keys) throws ConnectionException {
        List<AuthMethod> methods = new ArrayList<>();
        List<String> tried = new ArrayList<>(keys.tried());
        List<String> problems = new ArrayList<>(keys.problems());
        for (KeyProvider kp : keys.explicit()) {
            methods.add(new AuthPublickey(kp));
        }
        addAgentKeys(methods, tried, problems);
        for (KeyProvider kp : keys.defaults()) {
            methods.add(new AuthPublickey(kp));
        }
        if (t.password() != null) {
            methods.add(new AuthPassword(secret(t.password())));
            methods.add(new AuthKeyboardInteractive(new PasswordResponseProvider(secret(t.password()))));
        }
        try {
            if (methods.isEmpty()) {
                throw new net.schmizz.sshj.userauth.UserAuthException("no key file and no password to try");
            }
            c.auth(t.user(), methods);
        } catch (IOException | RuntimeException e) {
            new Link(c, null).close();
            throw Failures.auth(t, e, tried, problems, t.password() != null);
        }
    }

    private void addAgentKeys(List<AuthMethod> methods, List<String> tried, List<String> problems) {
        if (agent == null) {
            return;
        }
        try {
            for (SshAgent.Identity id : agent.identities()) {
                methods.add(new AuthAgentKey(agent, id));
                tried.add("ssh-agent key " + id.comment());
            }
        } catch (IOException e) {
            problems.add("ssh-agent at " + agent.socket() + " did not answer (" + e.getMessage() + ")");
        }
    }

    private static PasswordFinder secret(String password) {
        return new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                return password.toCharArray();
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return false;
            }
        };
    }
}
