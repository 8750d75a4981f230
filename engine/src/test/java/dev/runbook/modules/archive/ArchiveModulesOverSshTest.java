package dev.runbook.modules.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.BecomeConnection;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ReadOnlyConnection;
import dev.runbook.connection.ssh.HostKeyPolicy;
import dev.runbook.connection.ssh.SshConnector;
import dev.runbook.connection.ssh.SshTarget;
import dev.runbook.modules.Args;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Module;
import dev.runbook.testing.OpenSshHosts;
import dev.runbook.testing.TestModuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree modules through a real OpenSSH daemon with become (sudo to root): listings arrive
 * over SSH, payloads go up by SFTP, and the web root belongs to root.
 */
@Timeout(180)
class ArchiveModulesOverSshTest {
    static OpenSshHosts hosts;
    static SshConnector connector;
    static Connection ssh;

    @BeforeAll
    static void start() throws Exception {
        hosts = OpenSshHosts.start(1);
        connector = new SshConnector(hosts.knownHosts(), HostKeyPolicy.STRICT, hosts.dir().resolve("no-config"));
        SshTarget t = new SshTarget("web1", "127.0.0.1", hosts.port(0), OpenSshHosts.USER, List.of(hosts.clientKey()),
                null, null, null, Duration.ofSeconds(10));
        ssh = new BecomeConnection(connector.open(t, false), null, null);
    }

    @AfterAll
    static void stop() {
        if (ssh != null) {
            ssh.close();
        }
        connector.close();
        hosts.close();
    }

    static TestModuleContext plan(Path controller) {
        return new TestModuleContext(new ReadOnlyConnection(ssh)).checkMode(true).controllerDir(controller);
    }

    static TestModuleContext live(Path controller) {
        return new TestModuleContext(ssh).controllerDir(controller);
    }

    static void converges(Module m, Args a, Path controller, Path watched) throws Exception {
        var before = Trees.fingerprint(watched);
        assertThat(m.check(plan(controller), a).kind().isChange()).isTrue();
        assertThat(Trees.fingerprint(watched)).isEqualTo(before);
        assertThat(m.apply(live(controller), a).changed()).isTrue();
        var after = Trees.fingerprint(watched);
        assertThat(m.check(plan(controller), a).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(m.apply(live(controller), a).changed()).isFalse();
        assertThat(Trees.fingerprint(watched)).isEqualTo(after);
    }

    @Test
    void unarchiveThenSyncOntoARootOwnedWebRoot(@TempDir Path tmp) throws Exception {
        Path controller = Files.createDirectories(tmp.resolve("runbook"));
        OpenCartRelease.zip(controller.resolve("release.zip"));
        Path web = tmp.resolve("www");
        SyncTest.write(web.resolve("config.php"), "<?php // site");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));

        Unarchive unarchive = new Unarchive();
        Args ua = TestModuleContext.args(unarchive, Map.of("src", "release.zip", "dest", web.toString(),
                "subdir", OpenCartRelease.TOP + "upload", "exclude", List.of("/config.php", "/admin/config.php"),
                "owner", "www-data", "group", "www-data"));
        converges(unarchive, ua, controller, web);
        assertThat(Files.readString(web.resolve("config.php"))).isEqualTo("<?php // site");
        assertThat(Files.readString(web.resolve("admin/index.php"))).contains("4.0.2.3");
        var owner = Files.getFileAttributeView(web.resolve("admin/index.php"), PosixFileAttributeView.class).readAttributes();
        assertThat(owner.owner().getName()).isEqualTo("www-data");
        assertThat(owner.group().getName()).isEqualTo("www-data");

        SyncTest.write(controller.resolve("theme/catalog/view/theme/shop/stylesheet.css"), "body { color: red }");
        Sync sync = new Sync();
        Args sa = TestModuleContext.args(sync, Map.of("src", "theme", "from", "controller", "dest", web.toString(),
                "owner", "www-data"));
        converges(sync, sa, controller, web);
        assertThat(Files.readString(web.resolve("catalog/view/theme/shop/stylesheet.css"))).contains("red");
        assertThat(Files.getOwner(web.resolve("catalog/view/theme/shop/stylesheet.css")).getName()).isEqualTo("www-data");
    }

    @Test
    void archiveOfTheWebRoot(@TempDir Path tmp) throws Exception {
        Path web = tmp.resolve("www");
        SyncTest.write(web.resolve("index.php"), "<?php");
        SyncTest.write(web.resolve("image/cache/x.jpg"), "x");
        Archive archive = new Archive();
        Args a = TestModuleContext.args(archive, Map.of("path", web.toString(), "dest", tmp.resolve("www.tar.gz").toString(),
                "exclude", List.of("image/cache/")));
        assertThat(archive.check(plan(tmp), a).kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(archive.apply(live(tmp), a).changed()).isTrue();
        var made = Trees.fingerprint(tmp);
        // A second run never keeps the archive silently as if it were new.
        assertThatThrownBy(() -> archive.check(plan(tmp), a)).hasMessageContaining("already exists");
        assertThatThrownBy(() -> archive.apply(live(tmp), a)).hasMessageContaining("no new archive was made");
        assertThat(Trees.fingerprint(tmp)).isEqualTo(made);
        assertThat(ArchiveReader.list(tmp.resolve("www.tar.gz")).stream().map(TreeEntry::path))
                .containsExactlyInAnyOrder("www", "www/index.php", "www/image");
    }
}
