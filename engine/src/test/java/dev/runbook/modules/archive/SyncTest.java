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
        assertThat(plan.summary()).contains("would add 7, update 1, remove 1 in " + web).endsWith("(exclude: 3 paths in dest kept as they are, 3 source paths not copied)");
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
        assertThat(r.msg()).startsWith("7 added, 1 updated, 1 removed in " + web + " from " + release);
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

    @Test
    void deleteKeepsExcludedFilesAndTheirDirectoriesAndReplacesTypeChanges() throws Exception {
        write(web.resolve("old/keep.log"), "kept");
        write(web.resolve("old/gone.php"), "gone");
        write(web.resolve("gone-dir/sub/x.php"), "x");
        write(web.resolve("config-dist.php/inner.txt"), "a directory where the release has a file");
        Args a = args(Map.of("delete", true));
        Change c = Trees.checkWithoutChanging(sync, a, web);
        assertThat(c.diff()).contains("- old/gone.php\n").contains("- gone-dir/\n").contains("- gone-dir/sub/x.php\n")
                .contains("~ config-dist.php\n").contains("- config-dist.php/inner.txt\n")
                .doesNotContain("- old/\n").doesNotContain("keep.log");
        sync.apply(Trees.applyContext(), a);
        assertThat(Files.readString(web.resolve("old/keep.log"))).isEqualTo("kept");
        assertThat(web.resolve("old/gone.php")).doesNotExist();
        assertThat(web.resolve("gone-dir")).doesNotExist();
        assertThat(Files.readString(web.resolve("config-dist.php"))).isEqualTo("<?php // dist");
        assertThat(Files.readString(web.resolve("catalog/view/a file with spaces.twig"))).isEqualTo("{{ x }}");
        assertThat(Files.readString(web.resolve("old/keep.log"))).isEqualTo("kept");
        assertThat(Trees.checkWithoutChanging(sync, a, web).kind()).isEqualTo(ChangeKind.NONE);
    }

    @Test
    void linksAreCopiedAsLinks() throws Exception {
        Files.createSymbolicLink(release.resolve("latest.php"), Path.of("index.php"));
        Args a = args(Map.of());
        sync.apply(Trees.applyContext(), a);
        assertThat(Files.readSymbolicLink(web.resolve("latest.php"))).isEqualTo(Path.of("index.php"));
        assertThat(sync.apply(Trees.applyContext(), a).changed()).isFalse();
    }

    @Test
    void onlyFilesOfEqualSizeOnBothSidesAreHashed() throws Exception {
        write(web.resolve("config-dist.php"), "<?php // DIST"); // same size as the release's, other content
        List<dev.runbook.connection.CommandRequest> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.runbook.connection.Connection local = new dev.runbook.connection.local.LocalConnection("localhost");
        dev.runbook.connection.Connection recording = new dev.runbook.connection.Connection() {
            @Override
            public String host() {
                return "localhost";
            }

            @Override
            public dev.runbook.connection.CommandResult run(dev.runbook.connection.CommandRequest r) throws InterruptedException,
                    dev.runbook.connection.ConnectionException {
                sent.add(r);
                return local.run(r);
            }

            @Override
            public void upload(java.io.InputStream data, String path, dev.runbook.connection.FileAttrs attrs) {
                throw new AssertionError("no upload in a check");
            }

            @Override
            public void download(String path, java.io.OutputStream out) {
                throw new AssertionError("no download in a sync check");
            }

            @Override
            public void close() {
            }
        };
        Change c = sync.check(new TestModuleContext(new dev.runbook.connection.ReadOnlyConnection(recording)), args(Map.of()));
        assertThat(c.diff()).contains("~ config-dist.php").contains("~ index.php");
        List<String> hashed = sent.stream().filter(r -> r.command().toShellLine().contains("sha256sum"))
                .map(r -> new String(r.stdin(), java.nio.charset.StandardCharsets.UTF_8)).toList();
        // Excluded files (config.php, error.log) and files on one side only are never read.
        assertThat(hashed).containsExactly("./config-dist.php\0./index.php\0", "./config-dist.php\0./index.php\0");
    }

    @Test
    void overlappingSourceAndDestinationAreRefused() {
        for (String[] pair : new String[][] {{"/var/www", "/var/www/"}, {"/var/www", "/var/www/backup"},
                {"/var/www/release/upload", "/var/www"}, {"/", "/srv"}}) {
            assertThatThrownBy(() -> Sync.refuseNesting(pair[0], pair[1])).hasMessageContaining("overlap");
        }
        assertThatThrownBy(() -> sync.check(Trees.planContext(), args(Map.of("dest", release.resolve("sub").toString()))))
                .isInstanceOf(ModuleException.class).hasMessageContaining("overlap");
    }

    @Test
    void aLinkedDirectoryIsNeverReplacedUnlessExcluded() throws Exception {
        Path storage = Files.createDirectories(tmp.resolve("storage/catalog"));
        Files.writeString(storage.resolve("data.txt"), "kept elsewhere");
        Files.createSymbolicLink(web.resolve("catalog"), storage);
        Args a = args(Map.of("delete", true));
        assertThatThrownBy(() -> sync.check(Trees.planContext(), a)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("catalog -> " + storage).hasMessageContaining("'/catalog/'");
        assertThatThrownBy(() -> sync.apply(Trees.applyContext(), a)).isInstanceOf(ModuleException.class);
        assertThat(Files.isSymbolicLink(web.resolve("catalog"))).isTrue();
        Args excluded = args(Map.of("delete", true, "exclude", List.of("config.php", "*.log", "/catalog/")));
        assertThat(sync.apply(Trees.applyContext(), excluded).changed()).isTrue();
        assertThat(Files.isSymbolicLink(web.resolve("catalog"))).isTrue();
        assertThat(Files.readString(storage.resolve("data.txt"))).isEqualTo("kept elsewhere");
    }
}
