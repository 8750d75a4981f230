package dev.runbook.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ConnectionException.Cause;
import dev.runbook.testing.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host key policies, authentication and connect failures against an in-process MINA sshd. */
class SshLoginTest {
    @TempDir
    Path dir;

    private SshTarget target(int port, Path identity) {
        return SshConnectionTest.target(port, identity);
    }

    private static ConnectionException failure(SshConnector c, SshTarget t) {
        try (Connection conn = c.open(t, false)) {
            throw new AssertionError("connected to " + t + " but expected a failure");
        } catch (ConnectionException e) {
            return e;
        }
    }

    @Test
    void strictRefusesAnUnknownHostNamingTheFingerprintAndTheWayToAccept() throws Exception {
        Path key = MinaServer.clientKey(dir);
        try (MinaServer server = MinaServer.start(0, dir.resolve("hostkey"), dir.resolve("authorized_keys"), 10);
             SshConnector strict = new SshConnector(dir.resolve("known_hosts"), HostKeyPolicy.STRICT, null)) {
            ConnectionException e = failure(strict, target(server.port(), key));
            assertThat(e.kind()).isEqualTo(Cause.HOST_KEY_UNKNOWN);
            assertThat(e.getMessage()).contains("web1", "[127.0.0.1]:" + server.port(), "ecdsa-sha2-nistp",
                    "SHA256:", "--host-key-checking=accept-new");
            assertThat(dir.resolve("known_hosts")).doesNotExist();
        }
    }

    @Test
    void acceptNewRecordsTheKeyAndAChangedKeyIsRefusedWithBothFingerprints() throws Exception {
        Path key = MinaServer.clientKey(dir);
        Path knownHosts = dir.resolve("known_hosts");
        int port;
        try (MinaServer server = MinaServer.start(0, dir.resolve("hostkey1"), dir.resolve("authorized_keys"), 10);
             SshConnector acceptNew = new SshConnector(knownHosts, HostKeyPolicy.ACCEPT_NEW, null)) {
            port = server.port();
            acceptNew.open(target(port, key), false).close();
            assertThat(Files.readString(knownHosts)).startsWith("[127.0.0.1]:" + port + " ecdsa-sha2-nistp");
            try (SshConnector strict = new SshConnector(knownHosts, HostKeyPolicy.STRICT, null);
                 Connection c = strict.open(target(port, key), false)) {
                assertThat(c.run(CommandRequest.of(Command.Argv.of("true"))).exitCode()).isZero();
            }
        }
        Ports.await("port " + port + " released", Duration.ofSeconds(10), () -> !Ports.isOpen(port));
        try (MinaServer rotated = MinaServer.start(port, dir.resolve("hostkey2"), dir.resolve("authorized_keys"), 10)) {
            for (HostKeyPolicy policy : List.of(HostKeyPolicy.STRICT, HostKeyPolicy.ACCEPT_NEW)) {
                try (SshConnector c = new SshConnector(knownHosts, policy, null)) {
                    ConnectionException e = failure(c, target(port, key));
                    assertThat(e.kind()).isEqualTo(Cause.HOST_KEY_CHANGED);
                    assertThat(e.getMessage().split("SHA256:", -1)).hasSize(3);
                    assertThat(e.getMessage()).contains("web1", "CHANGED", "ssh-keygen -R");
                }
            }
            try (SshConnector off = new SshConnector(knownHosts, HostKeyPolicy.OFF, null)) {
                off.open(target(port, key), false).close();
            }
        }
    }

    @Test
    void aKeyNotAuthorizedIsAnAuthFailureNamingWhatWasTried() throws Exception {
        Path good = MinaServer.clientKey(dir);
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Path wrong = MinaServer.clientKey(other);
        try (MinaServer server = MinaServer.start(0, dir.resolve("hostkey"), dir.resolve("authorized_keys"), 10);
             SshConnector c = new SshConnector(dir.resolve("known_hosts"), HostKeyPolicy.ACCEPT_NEW, null)) {
            ConnectionException e = failure(c, new SshTarget("web1", "127.0.0.1", server.port(), "tester",
                    List.of(wrong), "not-the-password", null, null, Duration.ofSeconds(5)));
            assertThat(e.kind()).isEqualTo(Cause.AUTH_FAILED);
            assertThat(e.getMessage()).contains("tester@127.0.0.1:" + server.port(), wrong.toString(), "password")
                    .doesNotContain("not-the-password");
            assertThat(good).exists();
        }
    }

    @Test
    void anEncryptedKeyWithoutItsPassphraseIsNamed() throws Exception {
        Path key = dir.resolve("locked");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "s3cret", "-f", key.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        Files.copy(dir.resolve("locked.pub"), dir.resolve("authorized_keys"));
        try (MinaServer server = MinaServer.start(0, dir.resolve("hostkey"), dir.resolve("authorized_keys"), 10);
             SshConnector c = new SshConnector(dir.resolve("known_hosts"), HostKeyPolicy.ACCEPT_NEW, null)) {
            ConnectionException e = failure(c, target(server.port(), key));
            assertThat(e.kind()).isEqualTo(Cause.AUTH_FAILED);
            assertThat(e.getMessage()).contains(key.toString(), "passphrase");
            SshTarget withPassphrase = new SshTarget("web1", "127.0.0.1", server.port(), "tester", List.of(key),
                    null, "s3cret", null, Duration.ofSeconds(5));
            try (SshConnector fresh = new SshConnector(dir.resolve("known_hosts"), HostKeyPolicy.ACCEPT_NEW, null);
                 Connection conn = fresh.open(withPassphrase, false)) {
                assertThat(conn.run(CommandRequest.of(Command.Argv.of("echo", "in"))).stdout()).isEqualTo("in\n");
            }
        }
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        Path key = MinaServer.clientKey(dir);
        int port = Ports.free();
        try (SshConnector c = new SshConnector(dir.resolve("known_hosts"), HostKeyPolicy.ACCEPT_NEW, null)) {
            ConnectionException e = failure(c, target(port, key));
            assertThat(e.kind()).isEqualTo(Cause.REFUSED);
            assertThat(e.getMessage()).contains("web1", "127.0.0.1:" + port, "refused");
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aServerThatNeverGreetsTimesOut() throws Exception {
        Path key = MinaServer.clientKey(dir);
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
             SshConnector c = new SshConnector(dir.resolve("known_hosts"), HostKeyPolicy.ACCEPT_NEW, null)) {
            SshTarget t = new SshTarget("web1", "127.0.0.1", silent.getLocalPort(), "tester", List.of(key), null, null,
                    null, Duration.ofSeconds(1));
            ConnectionException e = failure(c, t);
            assertThat(e.kind()).isEqualTo(Cause.TIMED_OUT);
            assertThat(e.getMessage()).contains("web1", "SSH");
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void somethingElseThanSshOnThePortIsNamed() throws Exception {
        Path key = MinaServer.clientKey(dir);
        try (java.net.ServerSocket http = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
             SshConnector c = new SshConnector(dir.resolve("known_hosts"), HostKeyPolicy.ACCEPT_NEW, null)) {
            Thread server = new Thread(() -> {
                try (java.net.Socket s = http.accept()) {
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                } catch (java.io.IOException ignored) {
                    // the client went away first
                }
            });
            server.start();
            SshTarget t = new SshTarget("web1", "127.0.0.1", http.getLocalPort(), "tester", List.of(key), null, null,
                    null, Duration.ofSeconds(5));
            ConnectionException e = failure(c, t);
            assertThat(e.getMessage()).contains("web1", "not an SSH server");
            server.join(10_000);
        }
    }

    @Test
    void withoutSftpUploadsSayWhatIsMissing() throws Exception {
        Path key = MinaServer.clientKey(dir);
        try (MinaServer server = MinaServer.start(0, dir.resolve("hostkey"), dir.resolve("authorized_keys"), 10, false);
             SshConnector c = new SshConnector(dir.resolve("known_hosts"), HostKeyPolicy.ACCEPT_NEW, null);
             Connection conn = c.open(target(server.port(), key), false)) {
            assertThatThrownBy(() -> conn.upload(new java.io.ByteArrayInputStream(new byte[1]),
                    dir.resolve("x").toString(), dev.runbook.connection.FileAttrs.DEFAULT))
                    .isInstanceOfSatisfying(ConnectionException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Cause.OTHER);
                        assertThat(e.getMessage()).contains("web1", "SFTP", "sshd_config");
                    });
            assertThat(conn.run(CommandRequest.of(Command.Argv.of("echo", "still here"))).stdout())
                    .isEqualTo("still here\n");
        }
    }
}
