package dev.runbook.modules.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.connection.BecomeConnection;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ReadOnlyConnection;
import dev.runbook.connection.local.LocalConnection;
import dev.runbook.connection.ssh.HostKeyPolicy;
import dev.runbook.connection.ssh.SshConnector;
import dev.runbook.connection.ssh.SshTarget;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.DebianPackages;
import dev.runbook.testing.OpenSshHosts;
import dev.runbook.testing.TestModuleContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** cron on a real user crontab over OpenSSH with sudo, and on a cron.d-style file locally. */
@Timeout(300)
class CronTest {
    static OpenSshHosts hosts;
    static SshConnector connector;
    final Cron cron = new Cron();

    @BeforeAll
    static void start() {
        DebianPackages.ensure("/usr/bin/crontab", "cron");
        hosts = OpenSshHosts.start(1);
        connector = new SshConnector(hosts.knownHosts(), HostKeyPolicy.STRICT, hosts.dir().resolve("no-config"));
    }

    @AfterAll
    static void stop() throws Exception {
        connector.close();
        hosts.close();
        crontab("-r", "-u", OpenSshHosts.USER);
    }

    static String crontab(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("crontab"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    ModuleResult converge(Connection c, Args a, ChangeKind expected) throws Exception {
        Change plan = cron.check(new TestModuleContext(new ReadOnlyConnection(c)).checkMode(true), a);
        assertThat(plan.kind()).isEqualTo(expected);
        ModuleResult r = cron.apply(new TestModuleContext(c), a);
        assertThat(r.changed()).isTrue();
        Map<String, Object> registered = new LinkedHashMap<>(r.data());
        registered.put("changed", true);
        assertThat(plan.result()).isEqualTo(registered);
        assertThat(plan.diff()).isEqualTo(r.diff());
        assertThat(cron.check(new TestModuleContext(new ReadOnlyConnection(c)).checkMode(true), a).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(cron.apply(new TestModuleContext(c), a).changed()).isFalse();
        return r;
    }

    @Test
    void userCrontabOverSshWithSudo() throws Exception {
        crontab("-r", "-u", OpenSshHosts.USER);
        Connection ssh = connector.open(new SshTarget("cron", "127.0.0.1", hosts.port(0), OpenSshHosts.USER,
                List.of(hosts.clientKey()), null, null, null, Duration.ofSeconds(10)), false);
        try {
            Connection root = new BecomeConnection(ssh, "root", null);
            Map<String, Object> backup = Map.of("name", "backup", "user", OpenSshHosts.USER, "minute", "15", "hour", "3",
                    "job", "/usr/local/bin/backup >/dev/null");
            ModuleResult added = converge(root, TestModuleContext.args(cron, backup), ChangeKind.CREATE);
            assertThat(added.data().get("jobs")).isEqualTo(List.of("backup"));
            assertThat(crontab("-l", "-u", OpenSshHosts.USER)).isEqualTo("#Ansible: backup\n15 3 * * * /usr/local/bin/backup >/dev/null\n");

            converge(root, TestModuleContext.args(cron, Map.of("name", "boot", "user", OpenSshHosts.USER, "special_time", "reboot",
                    "job", "/usr/local/bin/warm")), ChangeKind.CHANGE);
            Map<String, Object> changed = new LinkedHashMap<>(backup);
            changed.put("hour", "4");
            changed.put("disabled", true);
            converge(root, TestModuleContext.args(cron, changed), ChangeKind.CHANGE);
            assertThat(crontab("-l", "-u", OpenSshHosts.USER)).isEqualTo("#Ansible: backup\n#15 4 * * * /usr/local/bin/backup >/dev/null\n"
                    + "#Ansible: boot\n@reboot /usr/local/bin/warm\n");
            ModuleResult removed = converge(root, TestModuleContext.args(cron, Map.of("name", "backup", "user", OpenSshHosts.USER,
                    "state", "absent")), ChangeKind.REMOVE);
            assertThat(removed.data().get("jobs")).isEqualTo(List.of("boot"));
            assertThat(crontab("-l", "-u", OpenSshHosts.USER)).isEqualTo("#Ansible: boot\n@reboot /usr/local/bin/warm\n");
        } finally {
            ssh.close();
        }
    }

    @Test
    void cronFileCarriesTheUserAndGoesWithItsLastJob(@TempDir Path dir) throws Exception {
        Connection local = new LocalConnection("localhost");
        Path file = dir.resolve("shop");
        Args a = TestModuleContext.args(cron, Map.of("name", "cleanup", "cron_file", file.toString(), "user", "www-data",
                "minute", "*/5", "job", "php /srv/shop/cron.php"));
        converge(local, a, ChangeKind.CREATE);
        assertThat(Files.readString(file)).isEqualTo("#Ansible: cleanup\n*/5 * * * * www-data php /srv/shop/cron.php\n");
        converge(local, TestModuleContext.args(cron, Map.of("name", "cleanup", "cron_file", file.toString(), "state", "absent")),
                ChangeKind.REMOVE);
        assertThat(file).doesNotExist();
        assertThat(cron.validate(TestModuleContext.args(cron, Map.of("name", "x")))).containsExactly(
                "state present needs job: the command to run");
    }
}
