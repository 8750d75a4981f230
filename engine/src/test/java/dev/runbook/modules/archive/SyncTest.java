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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sync over the local connection: a release's upload/ copied over a live web root. */
class SyncTest {
    final Sync sync = new Sync();
    @TempDir
    Path tmp;
    Path release;
    Path web;

    @BeforeEach
    void trees() throws Exception {
        release = tmp.resolve("release/upload");
        web = tmp.resolve("www");
        write(release.resolve("index.php"), "<?php // 4.0.2.3");
        write(release.resolve("config-dist.php"), "<?php // dist");
        write(release.resolve("config.php"), "");
        write(release.resolve("admin/index.php"), "<?php // admin 4.0.2.3");
        write(release.resolve("admin/config.php"), "");
        write(release.resolve("system/storage/logs/error.log"), "release log");
        write(release.resolve("catalog/view/a file with spaces.twig"), "{{ x }}");
        write(release.resolve("bin/cli.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(release.resolve("bin/cli.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        write(web.resolve("index.php"), "<?php // 4.0.2.2");
        write(web.resolve("config.php"), "<?php define('DB_PASSWORD', 'site');");
        write(web.resolve("admin/config.php"), "<?php // admin site config");
        write(web.resolve("system/storage/logs/error.log"), "live log");
        write(web.resolve("obsolete.php"), "<?php // removed upstream");
    }

    static void write(Path p, String text) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    Args args(Map<String, Object> extra) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(Map.of("src", release.toString(), "dest", web.toString(),
                "exclude", List.of("config.php", "*.log")));
        m.putAll(extra);
        return TestModuleContext.args(sync, m);
    }

    @Test
    void checkPredictsApplyCopiesOnlyChangesAndKeepsConfig() throws Exception {
        Args a = args(Map.of("delete", true));
        Change plan = Trees.checkWithoutChanging(sync, a, web, release);
        assertThat(plan.kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(plan.summary()).contains("7 added, 1 updated, 1 removed").contains("excluded");
        assertThat(plan.diff()).isEqualTo("""
                + admin/index.php
                + bin/
                + bin/cli.sh
                + catalog/
                + catalog/view/
                + catalog/view/a file with spaces.twig
                + config-dist.php
                ~ index.php
                - obsolete.php
                """);

        ModuleResult r = sync.apply(Trees.applyContext(), a);
        assertThat(r.changed()).isTrue();
        assertThat(r.data().get("removed")).isEqualTo(List.of("obsolete.php"));
        assertThat(Files.readString(web.resolve("index.php"))).isEqualTo("<?php // 4.0.2.3");
        assertThat(Files.readString(web.resolve("config.php"))).contains("DB_PASSWORD");
        assertThat(Files.readString(web.resolve("admin/config.php"))).contains("admin site config");
        assertThat(Files.readString(web.resolve("system/storage/logs/error.log"))).isEqualTo("live log");
        assertThat(Files.readString(web.resolve("catalog/view/a file with spaces.twig"))).isEqualTo("{{ x }}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(web.resolve("bin/cli.sh")))).isEqualTo("rwxr-x---");
        assertThat(web.resolve("obsolete.php")).doesNotExist();

        assertThat(Trees.checkWithoutChanging(sync, a, web).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(sync.apply(Trees.applyContext(), a).changed()).isFalse();
    }

    @Test
    void checkCountsMatchThePlanLines() throws Exception {
        Change plan = Trees.checkWithoutChanging(sync, args(Map.of()), web);
        long lines = plan.diff().lines().count();
        assertThat(lines).isEqualTo(8);
        assertThat(plan.result().get("removed")).isEqualTo(List.of());
    }

    @Test
    void sizeAndTimeComparisonIsIdempotentToo() throws Exception {
        Args a = args(Map.of("checksum", false));
        assertThat(sync.apply(Trees.applyContext(), a).changed()).isTrue();
        assertThat(Trees.checkWithoutChanging(sync, a, web).kind()).isEqualTo(ChangeKind.NONE);
        Files.writeString(web.resolve("index.php"), "<?php // 4.0.2.x"); // same size, new time
        Files.setLastModifiedTime(web.resolve("index.php"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertThat(Trees.checkWithoutChanging(sync, a, web).diff()).isEqualTo("~ index.php\n");
        sync.apply(Trees.applyContext(), a);
        assertThat(Files.readString(web.resolve("index.php"))).isEqualTo("<?php // 4.0.2.3");
    }

    @Test
    void missingDestinationIsCreated() throws Exception {
        Path fresh = tmp.resolve("fresh");
        Args a = args(Map.of("dest", fresh.toString()));
        assertThat(Trees.checkWithoutChanging(sync, a, tmp).kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(sync.apply(Trees.applyContext(), a).changed()).isTrue();
        assertThat(fresh.resolve("admin/index.php")).exists();
        assertThat(fresh.resolve("config.php")).doesNotExist();
        assertThat(sync.apply(Trees.applyContext(), a).changed()).isFalse();
    }

    @Test
    void fromControllerSendsOnlyChangedFiles(@TempDir Path controller) throws Exception {
        Path src = controller.resolve("files/site");
        write(src.resolve("index.php"), "<?php // 4.0.2.3");
        write(src.resolve("config.php"), "release default");
        write(src.resolve("deep/" + "x".repeat(120) + "/long-named-file.txt"), "long");
        Args a = TestModuleContext.args(sync, Map.of("src", "files/site", "from", "controller", "dest", web.toString(),
                "exclude", List.of("/config.php")));
        TestModuleContext plan = Trees.planContext().controllerDir(controller);
        Change c = sync.check(plan, a);
        assertThat(c.diff()).contains("~ index.php").contains("long-named-file.txt").doesNotContain("config.php");
        ModuleResult r = sync.apply(Trees.applyContext().controllerDir(controller), a);
        assertThat(r.changed()).isTrue();
        assertThat(Files.readString(web.resolve("deep/" + "x".repeat(120) + "/long-named-file.txt"))).isEqualTo("long");
        assertThat(Files.readString(web.resolve("config.php"))).contains("DB_PASSWORD");
        assertThat(sync.check(Trees.planContext().controllerDir(controller), a).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(sync.apply(Trees.applyContext().controllerDir(controller), a).changed()).isFalse();
    }

    @Test
    void missingSourceIsUnknownInCheckAndAClearFailureInApply() throws Exception {
        Args a = args(Map.of("src", tmp.resolve("not-yet").toString()));
        assertThat(Trees.checkWithoutChanging(sync, a, web).kind()).isEqualTo(ChangeKind.UNKNOWN);
        assertThatThrownBy(() -> sync.apply(Trees.applyContext(), a)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("does not exist");
    }
}
