package dev.runbook.connection.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An in-process SSH server (Apache MINA sshd) on 127.0.0.1 for fast tests: commands run through
 * a real /bin/sh, SFTP is served, logins are by public key from an authorized_keys file.
 */
final class MinaServer implements AutoCloseable {
    private final SshServer server;

    private MinaServer(SshServer server) {
        this.server = server;
    }

    /** Starts on {@code port} (0 = any free one) with the host key stored in {@code hostKey}. */
    static MinaServer start(int port, Path hostKey, Path authorizedKeys, int maxChannels) throws IOException {
        return start(port, hostKey, authorizedKeys, maxChannels, true);
    }

    static MinaServer start(int port, Path hostKey, Path authorizedKeys, int maxChannels, boolean sftp)
            throws IOException {
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost("127.0.0.1");
        s.setPort(port);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKey);
        keys.setAlgorithm("EC");
        s.setKeyPairProvider(keys);
        s.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorizedKeys));
        s.setPasswordAuthenticator(null);
        s.setKeyboardInteractiveAuthenticator(null);
        s.setCommandFactory(ProcessShellCommandFactory.INSTANCE);
        s.setSubsystemFactories(sftp ? List.of(new SftpSubsystemFactory()) : List.of());
        CoreModuleProperties.MAX_CONCURRENT_CHANNELS.set(s, maxChannels);
        CoreModuleProperties.IDLE_TIMEOUT.set(s, Duration.ofMinutes(5));
        s.start();
        return new MinaServer(s);
    }

    int port() {
        return server.getPort();
    }

    /** Closes every client session from the server side, as a crashed or restarted host would. */
    void dropSessions() {
        for (Session session : server.getActiveSessions()) {
            session.close(true);
        }
    }

    /** A fresh ed25519 client key pair made by ssh-keygen, its public half as authorized_keys. */
    static Path clientKey(Path dir) throws IOException, InterruptedException {
        Path key = dir.resolve("id_ed25519");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", key.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + out);
        }
        Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
        return key;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
