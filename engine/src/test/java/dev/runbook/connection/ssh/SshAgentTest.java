package dev.runbook.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.testing.OpenSshHosts;
import dev.runbook.testing.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Logins with keys held only by a real ssh-agent, against a real sshd. */
@Timeout(120)
class SshAgentTest {
    @TempDir
    Path dir;

    @Test
    void keysInTheAgentLogIn() throws Exception {
        Path rsa = dir.resolve("id_rsa");
        keygen("-t", "rsa", "-b", "2048", "-f", rsa.toString());
        Path socket = dir.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
        try (OpenSshHosts hosts = OpenSshHosts.start(1)) {
            Ports.await("ssh-agent socket", Duration.ofSeconds(10), () -> Files.exists(socket));
            Files.writeString(hosts.dir().resolve("authorized_keys"), Files.readString(dir.resolve("id_rsa.pub")),
                    StandardOpenOption.APPEND);
            SshTarget noKeys = new SshTarget("host0", "127.0.0.1", hosts.port(0), OpenSshHosts.USER, List.of(),
                    null, null, null, Duration.ofSeconds(10));
            Path emptyHome = Files.createDirectories(dir.resolve("home"));
            try (SshConnector none = new SshConnector(hosts.knownHosts(), HostKeyPolicy.STRICT, null, 8, emptyHome,
                    null)) {
                assertThatThrownBy(() -> none.open(noKeys, false)).isInstanceOfSatisfying(ConnectionException.class,
                        e -> assertThat(e.kind()).isEqualTo(ConnectionException.Cause.AUTH_FAILED));
            }
            for (Path key : List.of(hosts.clientKey(), rsa)) {
                sshAdd(socket, "-D");
                sshAdd(socket, key.toString());
                try (SshConnector c = new SshConnector(hosts.knownHosts(), HostKeyPolicy.STRICT, null, 8, emptyHome,
                        new SshAgent(socket));
                     Connection conn = c.open(noKeys, false)) {
                    assertThat(conn.run(CommandRequest.of(Command.Argv.of("id", "-un"))).stdout())
                            .isEqualTo(OpenSshHosts.USER + "\n");
                }
            }
        } finally {
            agent.destroy();
            agent.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void keygen(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-N", ""));
        argv.addAll(List.of(args));
        run(new ProcessBuilder(argv));
    }

    private static void sshAdd(Path socket, String arg) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("ssh-add", arg);
        pb.environment().put("SSH_AUTH_SOCK", socket.toString());
        run(pb);
    }

    private static void run(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(pb.command() + " failed: " + out);
        }
    }
}
