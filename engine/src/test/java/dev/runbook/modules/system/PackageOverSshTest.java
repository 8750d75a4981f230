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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** package over a real OpenSSH daemon with sudo, against an alternate apt root (never the machine's own). */
@Timeout(300)
class PackageOverSshTest {
    static OpenSshHosts hosts;
    static SshConnector connector;

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

    @Test
    void planApplyAndASecondApplyOverSsh(@TempDir Path dir) throws Exception {
        AptRepo apt = new AptRepo(dir).add("rbtest-hello", "1.0", null);
        SshTarget target = new SshTarget("pkghost", "127.0.0.1", hosts.port(0), OpenSshHosts.USER, List.of(hosts.clientKey()),
                null, null, null, Duration.ofSeconds(10));
        Package module = new Package();
        try (Connection ssh = connector.open(target, false)) {
            Connection root = new BecomeConnection(ssh, "root", null);
            TestModuleContext ctx = new TestModuleContext(root);
            TestModuleContext plan = new TestModuleContext(new ReadOnlyConnection(root)).checkMode(true);
            Args refresh = TestModuleContext.args(module, Map.of("root", apt.root.toString(), "update_cache", true));
            assertThat(module.apply(ctx, refresh).changed()).isTrue();

            Args hello = TestModuleContext.args(module, Map.of("root", apt.root.toString(), "name", "rbtest-hello"));
            assertThat(module.check(plan, hello).kind()).isEqualTo(ChangeKind.CREATE);
            assertThat(apt.installedVersion("rbtest-hello")).isNull();
            assertThat(module.apply(ctx, hello).changed()).isTrue();
            assertThat(apt.installedVersion("rbtest-hello")).isEqualTo("1.0");
            assertThat(module.apply(ctx, hello).changed()).isFalse();
            assertThat(module.check(plan, hello).kind()).isEqualTo(ChangeKind.NONE);
        }
    }
}
