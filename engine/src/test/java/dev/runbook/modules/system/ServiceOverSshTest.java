package dev.runbook.modules.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.connection.BecomeConnection;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ReadOnlyConnection;
import dev.runbook.connection.ssh.HostKeyPolicy;
import dev.runbook.connection.ssh.SshConnector;
import dev.runbook.connection.ssh.SshTarget;
import dev.runbook.modules.Args;
import dev.runbook.modules.ChangeKind;
import dev.runbook.testing.OpenSshHosts;
import dev.runbook.testing.TestModuleContext;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** service over a real OpenSSH daemon with sudo, driving the same test-owned SysV init script. */
@Timeout(300)
class ServiceOverSshTest extends ServiceSysvTest {
    static OpenSshHosts hosts;
    static SshConnector connector;
    Connection ssh;

    @BeforeAll
    static void start() {
        hosts = OpenSshHosts.start(1);
        connector = new SshConnector(hosts.knownHosts(), HostKeyPolicy.STRICT, hosts.dir().resolve("no-config"));
    }

    @AfterAll
    static void stop() {
        connector.close();
        hosts.close();
    }

    @AfterEach
    void closeConnection() {
        if (ssh != null) {
            ssh.close();
        }
    }

    @Test
    void startedAndStoppedOverSsh() throws Exception {
        ssh = connector.open(new SshTarget("svchost", "127.0.0.1", hosts.port(0), OpenSshHosts.USER,
                List.of(hosts.clientKey()), null, null, null, Duration.ofSeconds(10)), false);
        Connection root = new BecomeConnection(ssh, "root", null);
        TestModuleContext remote = new TestModuleContext(root).facts(SYSV);
        TestModuleContext remotePlan = new TestModuleContext(new ReadOnlyConnection(root)).checkMode(true).facts(SYSV);

        Args started = args(Map.of("name", NAME, "state", "started"));
        assertThat(module.check(remotePlan, started).kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(daemon()).isEmpty();
        assertThat(module.apply(remote, started).changed()).isTrue();
        assertThat(alive(daemon().orElseThrow())).isTrue();
        assertThat(module.apply(remote, started).changed()).isFalse();
        assertThat(module.check(remotePlan, started).kind()).isEqualTo(ChangeKind.NONE);

        Args stopped = args(Map.of("name", NAME, "state", "stopped"));
        assertThat(module.apply(remote, stopped).changed()).isTrue();
        assertThat(module.apply(remote, stopped).changed()).isFalse();
        assertThat(Files.readAllLines(actionsLog)).containsExactly("start", "stop");
    }
}
