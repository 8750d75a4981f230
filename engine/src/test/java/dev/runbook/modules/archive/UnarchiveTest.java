package dev.runbook.modules.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.TestModuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** unarchive over the local connection: an OpenCart upgrade onto a live web root. */
class UnarchiveTest {
    final Unarchive unarchive = new Unarchive();
    @TempDir
    Path tmp;
    Path controller;
    Path web;

    @BeforeEach
    void site() throws Exception {
        controller = Files.createDirectories(tmp.resolve("runbook"));
        OpenCartRelease.zip(controller.resolve("opencart-4.0.2.3.zip"));
        web = tmp.resolve("www");
        SyncTest.write(web.resolve("index.php"), "<?php // catalog 4.0.2.2");
        SyncTest.write(web.resolve("config.php"), "<?php define('DB_DATABASE', 'shop');");
        SyncTest.write(web.resolve("admin/config.php"), "<?php define('HTTP_SERVER', 'https://shop/admin/');");
        SyncTest.write(web.resolve("system/engine/controller.php"), "<?php // engine");
        SyncTest.write(web.resolve("image/catalog/logo.png"), "png");
    }

    Args args(Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("src", "opencart-4.0.2.3.zip", "dest", web.toString(),
                "subdir", "opencart-4.0.2.3/upload/", "exclude", List.of("/config.php", "/admin/config.php")));
        m.putAll(extra);
        return TestModuleContext.args(unarchive, m);
    }

    TestModuleContext plan() {
        return Trees.planContext().controllerDir(controller);
    }

    TestModuleContext live() {
        return Trees.applyContext().controllerDir(controller);
    }

    @Test
    void upgradeOverlaysOnlyChangedFilesAndKeepsTheSiteConfig() throws Exception {
        Args a = args(Map.of());
        var before = Trees.fingerprint(web);
        Change c = unarchive.check(plan(), a);
        assertThat(Trees.fingerprint(web)).isEqualTo(before);
        assertThat(c.kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(c.diff()).isEqualTo("""
                + admin/config-dist.php
                + admin/controller/
                + admin/controller/common/
                + admin/controller/common/login.php
                + admin/index.php
                + config-dist.php
                ~ index.php
                """);
        assertThat(c.summary()).isEqualTo("would add 6, update 1, remove 0 in " + web
                + " from opencart-4.0.2.3.zip:opencart-4.0.2.3/upload/ (exclude: 2 paths in dest kept as they are, 2 source paths not copied)");

        ModuleResult r = unarchive.apply(live(), a);
        assertThat(r.changed()).isTrue();
        assertThat(Files.readString(web.resolve("index.php"))).isEqualTo("<?php // catalog 4.0.2.3");
        assertThat(Files.readString(web.resolve("admin/controller/common/login.php"))).isEqualTo("<?php // login");
        assertThat(Files.readString(web.resolve("config.php"))).contains("DB_DATABASE");
        assertThat(Files.readString(web.resolve("admin/config.php"))).contains("HTTP_SERVER");
        assertThat(web.resolve("image/catalog/logo.png")).exists();
        assertThat(web.resolve("README.md")).doesNotExist();
        assertThat(web.resolve("opencart-4.0.2.3")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(web.resolve("admin/index.php")))).isEqualTo("rw-r--r--");

        var after = Trees.fingerprint(web);
        assertThat(unarchive.check(plan(), a).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(Trees.fingerprint(web)).isEqualTo(after);
        assertThat(unarchive.apply(live(), a).changed()).isFalse();
    }

    @Test
    void modeIsAppliedAndComparedAndCreatesSkips() throws Exception {
        Args a = args(Map.of("mode", "0640"));
        unarchive.apply(live(), a);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(web.resolve("index.php")))).isEqualTo("rw-r-----");
        assertThat(unarchive.check(plan(), a).kind()).isEqualTo(ChangeKind.NONE);
        Files.setPosixFilePermissions(web.resolve("index.php"), PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(unarchive.check(plan(), a).diff()).isEqualTo("~ index.php\n");
        Args skip = args(Map.of("mode", "0640", "creates", web.resolve("index.php").toString()));
        assertThat(unarchive.check(plan(), skip).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(unarchive.apply(live(), skip).changed()).isFalse();
    }

    @Test
    void remoteArchiveIsUnknownUntilItExistsThenExtracted() throws Exception {
        Path remote = tmp.resolve("downloads/release.tar.gz");
        Args a = args(Map.of("src", remote.toString(), "remote_src", true));
        assertThat(unarchive.check(plan(), a).kind()).isEqualTo(ChangeKind.UNKNOWN);
        assertThatThrownBy(() -> unarchive.apply(live(), a)).isInstanceOf(ModuleException.class).hasMessageContaining("does not exist");

        Path unpacked = Files.createDirectories(tmp.resolve("unpacked"));
        for (Map.Entry<String, String> e : OpenCartRelease.files().entrySet()) {
            SyncTest.write(unpacked.resolve(e.getKey()), e.getValue());
        }
        Files.createDirectories(remote.getParent());
        Process p = new ProcessBuilder("tar", "-C", unpacked.toString(), "-czf", remote.toString(), "opencart-4.0.2.3")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();

        assertThat(unarchive.check(plan(), a).diff()).contains("~ index.php").contains("+ admin/index.php");
        assertThat(unarchive.apply(live(), a).changed()).isTrue();
        assertThat(Files.readString(web.resolve("config.php"))).contains("DB_DATABASE");
        assertThat(unarchive.apply(live(), a).changed()).isFalse();
        assertThat(remote).exists();
    }

    @Test
    void escapingEntriesAreRefusedBeforeAnythingIsWritten() throws Exception {
        Map<String, String> evil = new LinkedHashMap<>(OpenCartRelease.files());
        evil.put("../../evil.php", "<?php system($_GET['c']);");
        OpenCartRelease.zip(controller.resolve("evil.zip"), evil);
        Args a = args(Map.of("src", "evil.zip"));
        var before = Trees.fingerprint(tmp);
        assertThatThrownBy(() -> unarchive.check(plan(), a)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("'../../evil.php'").hasMessageContaining("outside dest");
        assertThatThrownBy(() -> unarchive.apply(live(), a)).isInstanceOf(ModuleException.class);
        assertThat(Trees.fingerprint(tmp)).isEqualTo(before);
    }

    @Test
    void wrongSubdirAndMissingArchiveAreClear() {
        assertThatThrownBy(() -> unarchive.check(plan(), args(Map.of("subdir", "upload/"))))
                .hasMessageContaining("subdir 'upload' is not in the archive").hasMessageContaining("opencart-4.0.2.3");
        assertThatThrownBy(() -> unarchive.check(plan(), args(Map.of("src", "nope.zip"))))
                .hasMessageContaining("not found on the controller");
    }

    @Test
    void ownerOnlyChangesKeepDirectoryModesTheArchiveDoesNotGive() throws Exception {
        Files.createDirectories(web.resolve("admin"));
        Files.setPosixFilePermissions(web.resolve("admin"), PosixFilePermissions.fromString("rwxrwx---"));
        Args a = args(Map.of("owner", "www-data"));
        Change c = unarchive.check(plan(), a);
        assertThat(c.diff()).contains("~ admin/\n");
        assertThat(unarchive.apply(live(), a).changed()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(web.resolve("admin")))).isEqualTo("rwxrwx---");
        assertThat(Files.getOwner(web.resolve("admin")).getName()).isEqualTo("www-data");
        assertThat(Files.getOwner(web.resolve("admin/index.php")).getName()).isEqualTo("www-data");
        assertThat(unarchive.check(plan(), a).kind()).isEqualTo(ChangeKind.NONE);
    }

    @Test
    void renameExtractsTheArchivesAdminIntoTheShopsRenamedAdminDirectory() throws Exception {
        Files.move(web.resolve("admin"), web.resolve("shop-admin"));
        Args a = args(Map.of("rename", List.of(Map.of("src", "admin", "dest", "shop-admin")),
                "exclude", List.of("/config.php", "/shop-admin/config.php")));
        Change c = unarchive.check(plan(), a);
        assertThat(c.diff()).contains("+ shop-admin/index.php\n").contains("+ shop-admin/controller/common/login.php\n")
                .doesNotContain(" admin/");
        assertThat(unarchive.apply(live(), a).changed()).isTrue();
        assertThat(web.resolve("admin")).doesNotExist();
        assertThat(Files.readString(web.resolve("shop-admin/index.php"))).contains("4.0.2.3");
        assertThat(Files.readString(web.resolve("shop-admin/controller/common/login.php"))).isEqualTo("<?php // login");
        assertThat(Files.readString(web.resolve("shop-admin/config.php"))).contains("https://shop/admin/");
        assertThat(unarchive.check(plan(), a).kind()).isEqualTo(ChangeKind.NONE);
        assertThatThrownBy(() -> unarchive.check(plan(), args(Map.of("rename", List.of(Map.of("src", "admn", "dest", "x"))))))
                .isInstanceOf(ModuleException.class).hasMessage("rename src 'admn' is not a directory in the source");
    }
}
