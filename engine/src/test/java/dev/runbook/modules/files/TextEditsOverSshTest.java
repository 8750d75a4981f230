package dev.runbook.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.connection.BecomeConnection;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ReadOnlyConnection;
import dev.runbook.connection.ssh.HostKeyPolicy;
import dev.runbook.connection.ssh.SshConnector;
import dev.runbook.connection.ssh.SshTarget;
import dev.runbook.modules.Args;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.OpenSshHosts;
import dev.runbook.testing.TestModuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** replace, ini_file and blockinfile on root-owned files through a real OpenSSH daemon with become (sudo to root). */
@Timeout(180)
class TextEditsOverSshTest {
    static OpenSshHosts hosts;
    static SshConnector connector;
    static Connection ssh;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        hosts = OpenSshHosts.start(1);
        connector = new SshConnector(hosts.knownHosts(), HostKeyPolicy.STRICT, hosts.dir().resolve("no-config"));
        SshTarget t = new SshTarget("db1", "127.0.0.1", hosts.port(0), OpenSshHosts.USER, List.of(hosts.clientKey()),
                null, null, null, Duration.ofSeconds(10));
        ssh = new BecomeConnection(connector.open(t, false), null, null);
    }

    @AfterAll
    static void stop() {
        if (ssh != null) {
            ssh.close();
        }
        if (connector != null) {
            connector.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    /** Plan predicts (through the read-only guard) and shows the diff; apply changes; then nothing is left to do. */
    ModuleResult converges(Module m, Map<String, Object> raw, Path file, ChangeKind expected) throws Exception {
        Args a = TestModuleContext.args(m, raw);
        String before = Files.exists(file) ? Files.readString(file) : null;
        var plan = m.check(new TestModuleContext(new ReadOnlyConnection(ssh)).checkMode(true), a);
        assertThat(plan.kind()).as(plan.summary()).isEqualTo(expected);
        assertThat(plan.diff()).isNotBlank();
        assertThat(Files.exists(file) ? Files.readString(file) : null).isEqualTo(before);
        ModuleResult r = m.apply(new TestModuleContext(ssh), a);
        assertThat(r.changed()).isTrue();
        assertThat(m.check(new TestModuleContext(new ReadOnlyConnection(ssh)).checkMode(true), a).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(m.apply(new TestModuleContext(ssh), a).changed()).isFalse();
        return r;
    }

    @Test
    void rootOwnedConfigurationEditedThroughSudo() throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
        Path cnf = Files.writeString(etc.resolve("my.cnf"), "[mysqld]\nmax_connections = 100\n");
        Files.setPosixFilePermissions(cnf, PosixFilePermissions.fromString("rw-r-----"));
        converges(new IniFile(), Map.of("path", cnf.toString(), "section", "mysqld", "option", "max_connections", "value", "300"),
                cnf, ChangeKind.CHANGE);
        converges(new Replace(), Map.of("path", cnf.toString(), "regexp", "^(max_connections) = (300)$", "replace", "\\1 = \\g<2>0",
                "backup", true), cnf, ChangeKind.CHANGE);
        converges(new BlockInFile(), Map.of("path", cnf.toString(), "block", "skip-name-resolve"), cnf, ChangeKind.CHANGE);
        assertThat(Files.readString(cnf)).isEqualTo("[mysqld]\nmax_connections = 3000\n"
                + "# BEGIN ANSIBLE MANAGED BLOCK\nskip-name-resolve\n# END ANSIBLE MANAGED BLOCK\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cnf))).isEqualTo("rw-r-----");
        Path created = etc.resolve("conf.d/new.ini");
        converges(new IniFile(), Map.of("path", created.toString(), "section", "a", "option", "b", "value", "c"), created, ChangeKind.CREATE);
        assertThat(Files.readString(created)).isEqualTo("\n[a]\nb = c\n");
    }
}
