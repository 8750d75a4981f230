package dev.runbook.modules.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ReadOnlyConnection;
import dev.runbook.connection.local.LocalConnection;
import dev.runbook.connection.ssh.HostKeyPolicy;
import dev.runbook.connection.ssh.SshConnector;
import dev.runbook.connection.ssh.SshTarget;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.OpenSshHosts;
import dev.runbook.testing.TestModuleContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** wait_for_connection against a real sshd that goes away and comes back. */
@Timeout(120)
class WaitForConnectionTest {
    static OpenSshHosts hosts;
    static SshConnector connector;
    final WaitForConnection module = new WaitForConnection();

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

    static Connection open() throws ConnectionException, InterruptedException {
        return connector.open(new SshTarget("waithost", "127.0.0.1", hosts.port(0), OpenSshHosts.USER, List.of(hosts.clientKey()),
                null, null, null, Duration.ofSeconds(5)), false);
    }

    @Test
    void aHostThatAnswersIsNotWaitedFor() throws Exception {
        TestModuleContext ctx = new TestModuleContext(new LocalConnection("localhost"));
        ModuleResult r = module.apply(ctx, TestModuleContext.args(module, Map.of()));
        assertThat(r.changed()).isFalse();
        assertThat(r.data()).containsEntry("elapsed", 0L);
        var plan = module.check(new TestModuleContext(new ReadOnlyConnection(new LocalConnection("localhost"))).checkMode(true),
                TestModuleContext.args(module, Map.of()));
        assertThat(plan.kind()).isEqualTo(ChangeKind.NONE);
        assertThat(plan.summary()).isEqualTo("the host answers");
    }

    @Test
    void waitsWhileSshdIsDownAndReconnectsWhenItIsBack() throws Exception {
        Connection first = open();
        hosts.stopHost(0);
        AtomicInteger tries = new AtomicInteger();
        TestModuleContext ctx = new TestModuleContext(first).reconnector(() -> {
            if (tries.incrementAndGet() == 2) {
                hosts.startHost(0); // the host comes back while the module waits
            }
            return open();
        });
        ModuleResult r = module.apply(ctx, TestModuleContext.args(module, Map.of("sleep", "100ms", "timeout", 60)));
        assertThat(r.changed()).isFalse();
        assertThat(tries.get()).isEqualTo(2);
        assertThat(ctx.connection().run(dev.runbook.connection.CommandRequest.readOnly(
                dev.runbook.connection.Command.Argv.of("whoami"))).stdout().strip()).isEqualTo(OpenSshHosts.USER);
        ctx.connection().close();
        first.close();
    }

    @Test
    void givesUpAfterTheTimeoutSayingWhatItLastSaw() throws Exception {
        Connection first = open();
        hosts.stopHost(0);
        try {
            TestModuleContext ctx = new TestModuleContext(first).reconnector(WaitForConnectionTest::open);
            assertThatThrownBy(() -> module.apply(ctx, TestModuleContext.args(module, Map.of("sleep", "100ms", "timeout", "500ms"))))
                    .isInstanceOf(ModuleException.class).hasMessageStartingWith("timed out waiting for ping module test: ");
        } finally {
            first.close();
            hosts.startHost(0);
        }
    }
}
