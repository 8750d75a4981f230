package dev.runbook.modules.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.DebianPackages;
import dev.runbook.testing.TestModuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** archive over the local connection: a file backup of a web root before an upgrade. */
class ArchiveTest {
    final Archive archive = new Archive();
    @TempDir
    Path tmp;
    Path shop;
    Path backups;

    @BeforeEach
    void site() throws Exception {
        shop = tmp.resolve("www/shop");
        SyncTest.write(shop.resolve("index.php"), "<?php // shop");
        SyncTest.write(shop.resolve("config.php"), "<?php // config");
        SyncTest.write(shop.resolve("image/cache/big.jpg"), "cached");
        SyncTest.write(shop.resolve("system/storage/logs/error.log"), "log");
        SyncTest.write(shop.resolve("-dash.txt"), "dash");
        SyncTest.write(tmp.resolve("etc/shop.conf"), "vhost");
        backups = Files.createDirectories(tmp.resolve("backups"));
    }

    Args args(String dest, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("path", List.of(shop.toString(), tmp.resolve("etc/shop.conf").toString()),
                "dest", backups.resolve(dest).toString(), "exclude", List.of("image/cache/", "*.log")));
        m.putAll(extra);
        return TestModuleContext.args(archive, m);
    }

    List<String> names(Path file) throws Exception {
        return ArchiveReader.list(file).stream().map(TreeEntry::path).sorted().collect(Collectors.toList());
    }

    void createdOnceThenRefused(String dest) throws Exception {
        Args a = args(dest, Map.of());
        Change c = Trees.checkWithoutChanging(archive, a, tmp);
        assertThat(c.kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(c.diff()).contains("+ shop/index.php\n").contains("+ shop.conf\n").doesNotContain("cache/big.jpg")
                .doesNotContain("error.log");
        ModuleResult r = archive.apply(Trees.applyContext(), a);
        assertThat(r.changed()).isTrue();
        Path file = backups.resolve(dest);
        assertThat(names(file)).containsExactly("shop", "shop.conf", "shop/-dash.txt",
                "shop/config.php", "shop/image", "shop/index.php", "shop/system", "shop/system/storage",
                "shop/system/storage/logs");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(backups)) {
            assertThat(files).containsExactly(file);
        }
        // An existing archive is never kept silently as if it were a new backup: refused, and left as it is.
        byte[] made = Files.readAllBytes(file);
        assertThatThrownBy(() -> Trees.checkWithoutChanging(archive, a, tmp)).isInstanceOf(ModuleException.class)
                .hasMessageContaining(file + " already exists (made ").hasMessageContaining("set force: true to replace it");
        assertThatThrownBy(() -> archive.apply(Trees.applyContext(), a)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("it is kept and no new archive was made");
        assertThat(Files.readAllBytes(file)).isEqualTo(made);
    }

    @Test
    void tarGz() throws Exception {
        createdOnceThenRefused("shop.tar.gz");
        byte[] head = Files.readAllBytes(backups.resolve("shop.tar.gz"));
        assertThat(head[0] & 0xff).isEqualTo(0x1f);
    }

    @Test
    void ansibleGzFormatNameMeansTarGz() throws Exception {
        Args a = args("shop.backup", Map.of("format", "gz"));
        archive.apply(Trees.applyContext(), a);
        assertThat(Files.readAllBytes(backups.resolve("shop.backup"))[0] & 0xff).isEqualTo(0x1f);
        assertThat(names(backups.resolve("shop.backup"))).contains("shop/index.php");
    }

    @Test
    void plainTar() throws Exception {
        createdOnceThenRefused("shop.tar");
    }

    @Test
    void zip() throws Exception {
        DebianPackages.ensure("/usr/bin/zip", "zip");
        createdOnceThenRefused("shop.zip");
        assertThat(Files.readAllBytes(backups.resolve("shop.zip"))[0]).isEqualTo((byte) 'P');
    }

    @Test
    void forceRebuildsWithTheNewContent() throws Exception {
        Args a = args("shop.tar.gz", Map.of("force", true, "mode", "0640"));
        archive.apply(Trees.applyContext(), a);
        Files.writeString(shop.resolve("new.php"), "new");
        Change c = Trees.checkWithoutChanging(archive, a, tmp);
        assertThat(c.kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(c.summary()).contains(", replacing the archive there (made ");
        ModuleResult r = archive.apply(Trees.applyContext(), a);
        assertThat(r.changed()).isTrue();
        assertThat(r.msg()).startsWith("rebuilt ").endsWith(", replacing the older archive (force)");
        assertThat(names(backups.resolve("shop.tar.gz"))).contains("shop/new.php");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backups.resolve("shop.tar.gz")))).isEqualTo("rw-r-----");
    }

    @Test
    void missingSourceIsUnknownThenAClearFailureLeavingNothing() throws Exception {
        Args a = TestModuleContext.args(archive, Map.of("path", tmp.resolve("nope").toString(),
                "dest", backups.resolve("x.tar.gz").toString()));
        assertThat(Trees.checkWithoutChanging(archive, a, tmp).kind()).isEqualTo(ChangeKind.UNKNOWN);
        assertThatThrownBy(() -> archive.apply(Trees.applyContext(), a)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("does not exist");
        try (var files = Files.list(backups)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void destThatIsADirectoryIsRefused() {
        Args a = TestModuleContext.args(archive, Map.of("path", shop.toString(), "dest", backups.toString()));
        assertThatThrownBy(() -> archive.check(Trees.planContext(), a)).hasMessageContaining("is a directory");
    }

    @Test
    void compressionLevelIsPassedToGzipAndZipAndChecked() throws Exception {
        DebianPackages.ensure("/usr/bin/zip", "zip");
        archive.apply(Trees.applyContext(), args("fast.tar.gz", Map.of("compression_level", 1)));
        archive.apply(Trees.applyContext(), args("small.tar.gz", Map.of("compression_level", 9)));
        archive.apply(Trees.applyContext(), args("default.tar.gz", Map.of()));
        // gzip's header says how hard it tried (XFL: 4 fastest, 2 best, 0 otherwise)
        assertThat(Files.readAllBytes(backups.resolve("fast.tar.gz"))[8]).isEqualTo((byte) 4);
        assertThat(Files.readAllBytes(backups.resolve("small.tar.gz"))[8]).isEqualTo((byte) 2);
        assertThat(Files.readAllBytes(backups.resolve("default.tar.gz"))[8]).isEqualTo((byte) 0);
        assertThat(names(backups.resolve("fast.tar.gz"))).isEqualTo(names(backups.resolve("default.tar.gz")));
        archive.apply(Trees.applyContext(), args("stored.zip", Map.of("compression_level", 1)));
        assertThat(names(backups.resolve("stored.zip"))).contains("shop/index.php");
        assertThat(archive.validate(args("x.tar.gz", Map.of("compression_level", 10))))
                .containsExactly("compression_level must be 1 (fastest) to 9 (smallest), not 10");
    }
}
