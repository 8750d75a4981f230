package dev.runbook.connection.ssh;

import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens SSH connections for one run: one known_hosts file and policy, one client config, key
 * files decrypted once, and one thread pool for output streams, all shared by every host.
 */
public final class SshConnector implements AutoCloseable {
    /** Channels per connection: below OpenSSH's default MaxSessions (10), leaving room to spare. */
    public static final int DEFAULT_MAX_CHANNELS = 8;

    private final KnownHosts knownHosts;
    private final TargetResolver resolver;
    private final SshLogin login;
    private final ExecutorService pool;
    private final int maxChannels;

    /**
     * @param knownHosts known_hosts file, or null for ~/.ssh/known_hosts
     * @param sshConfig  OpenSSH client config, or null for ~/.ssh/config when it exists
     */
    public SshConnector(Path knownHosts, HostKeyPolicy policy, Path sshConfig) {
        this(knownHosts, policy, sshConfig, DEFAULT_MAX_CHANNELS);
    }

    public SshConnector(Path knownHosts, HostKeyPolicy policy, Path sshConfig, int maxChannels) {
        this(knownHosts, policy, sshConfig, new Setup(maxChannels, userHome(), SshAgent.fromEnvironment(),
                ConnectPolicy.defaults()));
    }

    /** With how many handshakes may be in progress at once and how connects are retried. */
    public SshConnector(Path knownHosts, HostKeyPolicy policy, Path sshConfig, ConnectPolicy connect) {
        this(knownHosts, policy, sshConfig, new Setup(DEFAULT_MAX_CHANNELS, userHome(), SshAgent.fromEnvironment(),
                connect));
    }

    /** With another home directory (default keys, ~ in paths) and agent (null: none). */
    SshConnector(Path knownHosts, HostKeyPolicy policy, Path sshConfig, int maxChannels, Path home, SshAgent agent) {
        this(knownHosts, policy, sshConfig, new Setup(maxChannels, home, agent, ConnectPolicy.defaults()));
    }

    /** The per-run choices besides host keys and client config. */
    private record Setup(int maxChannels, Path home, SshAgent agent, ConnectPolicy connect) {
    }

    private SshConnector(Path knownHosts, HostKeyPolicy policy, Path sshConfig, Setup setup) {
        Path home = setup.home();
        int maxChannels = setup.maxChannels();
        Path sshDir = home.resolve(".ssh");
        this.knownHosts = new KnownHosts(knownHosts != null ? knownHosts : sshDir.resolve("known_hosts"), policy);
        Path cfg = sshConfig != null ? sshConfig : sshDir.resolve("config");
        this.resolver = new TargetResolver(Files.isReadable(cfg) ? SshConfig.read(cfg) : SshConfig.EMPTY, home,
                System.getProperty("user.name"));
        this.login = new SshLogin(this.knownHosts, new KeyFiles(sshDir), resolver, setup.agent(),
                new HandshakeGate(setup.connect()));
        this.pool = Executors.newCachedThreadPool(daemonThreads());
        this.maxChannels = maxChannels;
    }

    /**
     * Where and as whom to log in to an inventory host: ansible_host, ansible_port, ansible_user,
     * ansible_ssh_private_key_file, ansible_password / ansible_ssh_pass, ProxyJump in
     * ansible_ssh_common_args; then the ssh config's Host blocks; then port 22 and the local user.
     */
    public SshTarget resolve(String inventoryName, Map<String, Object> hostVars) {
        return resolver.resolve(inventoryName, hostVars == null ? Map.of() : hostVars);
    }

    /** Connects and logs in now, so that unreachable hosts are found before any step runs. */
    public Connection open(SshTarget target, boolean readOnly) throws ConnectionException {
        SshLogin.Link link = login.open(target);
        return new SshConnection(target, login, link, readOnly, maxChannels, pool);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path userHome() {
        return Path.of(System.getProperty("user.home"));
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "ssh-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
