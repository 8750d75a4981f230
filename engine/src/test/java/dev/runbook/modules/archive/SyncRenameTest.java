package dev.runbook.modules.archive;

import static dev.runbook.modules.archive.SyncTest.write;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sync with rename: OpenCart's release has upload/admin/, the shop renamed its admin directory
 * (a common hardening step); one task lays the release over the shop, admin/ into the renamed
 * directory, everything else 1:1.
 */
class SyncRenameTest {
    final Sync sync = new Sync();
    @TempDir
    Path tmp;
    Path release;
    Path web;

    @BeforeEach
    void trees() throws Exception {
        release = tmp.resolve("runbook/release/upload");
        web = tmp.resolve("www");
        write(release.resolve("index.php"), "<?php // 4.0.2.3");
        write(release.resolve("admin/index.php"), "<?php // admin 4.0.2.3");
        write(release.resolve("admin/config.php"), "");
        write(release.resolve("admin/controller/common/login.php"), "<?php // login 4.0.2.3");
        write(release.resolve("catalog/controller/common/home.php"), "<?php // home");
        Files.setPosixFilePermissions(release.resolve("admin"), PosixFilePermissions.fromString("rwxr-x---"));
        write(web.resolve("index.php"), "<?php // 4.0.2.2");
        write(web.resolve("config.php"), "<?php // site");
        write(web.resolve("shop-admin/index.php"), "<?php // admin 4.0.2.2");
        write(web.resolve("shop-admin/config.php"), "<?php // admin site config");
        write(web.resolve("shop-admin/obsolete.php"), "<?php // gone upstream");
    }

    Args args(Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("src", release.toString(), "dest", web.toString(),
                "rename", List.of(Map.of("src", "admin", "dest", "shop-admin")),
                "exclude", List.of("/config.php", "/shop-admin/config.php")));
        m.putAll(extra);
        return TestModuleContext.args(sync, m);
    }

    @Test
    void theRenamedDirectoryGetsTheReleasesAdminAndNoAdminDirectoryAppears() throws Exception {
        Args a = args(Map.of("delete", true));
        Change plan = Trees.checkWithoutChanging(sync, a, web, release);
        assertThat(plan.diff()).isEqualTo("""
                + catalog/
                + catalog/controller/
                + catalog/controller/common/
                + catalog/controller/common/home.php
                ~ index.php
                ~ shop-admin/
                + shop-admin/controller/
                + shop-admin/controller/common/
                + shop-admin/controller/common/login.php
                ~ shop-admin/index.php
                - shop-admin/obsolete.php
                """);
        assertThat(plan.summary()).isEqualTo("would add 7, update 3, remove 1 in " + web + " from " + release
                + " (exclude: 2 paths in dest kept as they are, 1 source path not copied)");

        ModuleResult r = sync.apply(Trees.applyContext(), a);
        assertThat(r.changed()).isTrue();
        assertThat(web.resolve("admin")).doesNotExist();
        assertThat(Files.readString(web.resolve("shop-admin/index.php"))).isEqualTo("<?php // admin 4.0.2.3");
        assertThat(Files.readString(web.resolve("shop-admin/controller/common/login.php"))).isEqualTo("<?php // login 4.0.2.3");
        assertThat(Files.readString(web.resolve("shop-admin/config.php"))).isEqualTo("<?php // admin site config");
        assertThat(Files.readString(web.resolve("config.php"))).isEqualTo("<?php // site");
        assertThat(web.resolve("shop-admin/obsolete.php")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(web.resolve("shop-admin"))))
                .isEqualTo("rwxr-x---");
        assertThat(Trees.checkWithoutChanging(sync, a, web, release).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(sync.apply(Trees.applyContext(), a).changed()).isFalse();
    }

    @Test
    void fromTheControllerToo() throws Exception {
        Args a = args(Map.of("src", "release/upload", "from", "controller"));
        TestModuleContext live = Trees.applyContext().controllerDir(tmp.resolve("runbook"));
        assertThat(sync.apply(live, a).changed()).isTrue();
        assertThat(web.resolve("admin")).doesNotExist();
        assertThat(Files.readString(web.resolve("shop-admin/controller/common/login.php"))).isEqualTo("<?php // login 4.0.2.3");
        assertThat(Files.readString(web.resolve("shop-admin/config.php"))).isEqualTo("<?php // admin site config");
        assertThat(sync.check(Trees.planContext().controllerDir(tmp.resolve("runbook")), a).kind()).isEqualTo(ChangeKind.NONE);
    }

    @Test
    void withDeleteADestinationDirectoryNamedLikeTheRenamedSourceIsRemoved() throws Exception {
        write(web.resolve("admin/index.php"), "<?php // a stale copy of the old admin");
        Args a = args(Map.of("delete", true));
        sync.apply(Trees.applyContext(), a);
        assertThat(web.resolve("admin")).doesNotExist();
        Files.createDirectories(web.resolve("admin"));
        assertThat(sync.check(Trees.planContext(), args(Map.of())).kind()).isEqualTo(ChangeKind.NONE);
    }

    @Test
    void mistakesAreClear() {
        assertThat(sync.validate(args(Map.of("rename", List.of("admin:shop-admin")))))
                .containsExactly("each rename is a map with src and dest, such as {src: admin, dest: shop-admin}; got admin:shop-admin");
        assertThat(sync.validate(args(Map.of("rename", List.of(Map.of("src", "/admin", "dest", "x"))))))
                .containsExactly("rename src must be a directory relative to the src root, such as 'admin'; got '/admin'");
        assertThat(sync.validate(args(Map.of("rename", List.of(Map.of("src", "admin", "dest", "../x"))))))
                .containsExactly("rename dest must be a directory relative to the dest root, such as 'admin'; got '../x'");
        assertThat(sync.validate(args(Map.of("rename", List.of(Map.of("src", "admin", "dest", "a"),
                Map.of("src", "admin/controller", "dest", "b")))))).hasSize(1).allMatch(p -> p.contains("overlap"));
        assertThatThrownBy(() -> sync.check(Trees.planContext(), args(Map.of("rename",
                List.of(Map.of("src", "nope", "dest", "x")))))).isInstanceOf(ModuleException.class)
                .hasMessage("rename src 'nope' is not a directory in the source");
        assertThatThrownBy(() -> sync.check(Trees.planContext(), args(Map.of("rename",
                List.of(Map.of("src", "admin", "dest", "catalog")))))).isInstanceOf(ModuleException.class)
                .hasMessage("rename dest 'catalog' is a path the source has too; rename to a name the source does not use");
        assertThatThrownBy(() -> sync.check(Trees.planContext(), args(Map.of("rename",
                List.of(Map.of("src", "admin", "dest", "private/admin")))))).isInstanceOf(ModuleException.class)
                .hasMessage("rename dest 'private/admin' needs 'private' to be a directory in the source too");
    }

    @Test
    void theExcludeCountsSayWhatTheyCount() throws Exception {
        for (int i = 0; i < 5; i++) {
            write(release.resolve("image/cache/" + i + ".jpg"), "cached");
        }
        Args a = args(Map.of("exclude", List.of("/config.php", "/shop-admin/config.php", "image/cache/")));
        Change plan = Trees.checkWithoutChanging(sync, a, web, release);
        // Two files of the shop are kept; the release's cache directory and its five files are not copied.
        assertThat(plan.summary()).endsWith("(exclude: 2 paths in dest kept as they are, 7 source paths not copied)");
        assertThat(plan.result()).containsEntry("kept", 2).containsEntry("not_copied", 7);
    }
}
