package dev.runbook.connection.ssh;

import dev.runbook.connection.ConnectionException;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.keepalive.KeepAliveProvider;
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
    private static final int KEEPALIVE_SECONDS = 15;

    private final Config config;
    private final KnownHosts knownHosts;
    private final KeyFiles keyFiles;
    private final TargetResolver resolver;
    private final SshAgent agent;

    SshLogin(KnownHosts knownHosts, KeyFiles keyFiles, TargetResolver resolver, SshAgent agent) {
        DefaultConfig c = new DefaultConfig();
        c.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        this.config = c;
        this.knownHosts = knownHosts;
        this.keyFiles = keyFiles;
        this.resolver = resolver;
        this.agent = agent;
    }

    /** An open login: the client, and the jump host's client it tunnels through (or null). */
    record Link(SSHClient client, SSHClient jump) implements AutoCloseable {
        boolean alive() {
            return client.isConnected() && client.isAuthenticated();
        }

        Session session() throws IOException {
            return client.startSession();
        }

        SFTPClient sftp() throws IOException {
            return client.newSFTPClient();
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

    Link open(SshTarget t) throws ConnectionException {
        SSHClient jump = null;
        if (t.proxyJump() != null) {
            SshTarget j = resolver.jumpTarget(t);
            jump = open(j).client();
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
        c.setConnectTimeout((int) t.connectTimeout().toMillis());
        c.getConnection().getKeepAlive().setKeepAliveInterval(KEEPALIVE_SECONDS);
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
        authenticate(c, t);
        return c;
    }

    /** Without TCP_NODELAY every small command round trip waits on Nagle's algorithm (~40 ms). */
    private static void noDelay(Socket s) throws IOException {
        if (s != null) {
            s.setTcpNoDelay(true);
        }
    }

    private void authenticate(SSHClient c, SshTarget t) throws ConnectionException {
        KeyFiles.Loaded keys = keyFiles.load(c, t);
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
