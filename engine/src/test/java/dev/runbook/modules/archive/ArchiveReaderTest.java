package dev.runbook.modules.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.testing.DebianPackages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller-side readers against archives made by the real tar and zip programs. */
class ArchiveReaderTest {
    static final String LONG = "deep/" + "d".repeat(90) + "/" + "n".repeat(80) + ".txt";
    @TempDir
    Path tmp;
    Path tree;

    @BeforeEach
    void tree() throws Exception {
        tree = tmp.resolve("pkg");
        Files.createDirectories(tree.resolve(LONG).getParent());
        Files.writeString(tree.resolve(LONG), "long name");
        Files.writeString(tree.resolve("run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tree.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(tree.resolve("caf\u00e9.txt"), "utf-8 name");
        Files.createSymbolicLink(tree.resolve("link"), Path.of("run.sh"));
    }

    static void run(Path dir, String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", argv) + " failed: " + out);
        }
    }

    Map<String, TreeEntry> byPath(Path archive) throws Exception {
        return ArchiveReader.list(archive).stream().collect(Collectors.toMap(TreeEntry::path, Function.identity(), (a, b) -> b));
    }

    void assertTree(Map<String, TreeEntry> m, boolean modes) {
        assertThat(m).containsKeys("pkg", "pkg/run.sh", "pkg/" + LONG, "pkg/caf\u00e9.txt", "pkg/link");
        assertThat(m.get("pkg/" + LONG).sha256()).isEqualTo(ArchiveReaderTest.sha("long name"));
        assertThat(m.get("pkg/" + LONG).size()).isEqualTo(9);
        assertThat(m.get("pkg/link").link()).isEqualTo("run.sh");
        assertThat(m.get("pkg").isDir()).isTrue();
        if (modes) {
            assertThat(m.get("pkg/run.sh").mode()).isEqualTo(0750);
        }
    }

    static String sha(String text) {
        try {
            return ArchiveReader.sha256(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void gnuTarGzWithLongNames() throws Exception {
        run(tmp, "tar", "--format=gnu", "-czf", "a.tar.gz", "pkg");
        assertTree(byPath(tmp.resolve("a.tar.gz")), true);
    }

    @Test
    void paxTar() throws Exception {
        run(tmp, "tar", "--format=pax", "-cf", "a.tar", "pkg");
        assertTree(byPath(tmp.resolve("a.tar")), true);
    }

    @Test
    void zipWithUnixModesAndSymlinks() throws Exception {
        DebianPackages.ensure("/usr/bin/zip", "zip");
        run(tmp, "zip", "-q", "-r", "-y", "a.zip", "pkg");
        assertTree(byPath(tmp.resolve("a.zip")), true);
    }

    @Test
    void writtenTarIsReadBackAndByGnuTar() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(buf)) {
            w.dir("pkg", 0755, 1000);
            byte[] data = "long name".getBytes(StandardCharsets.UTF_8);
            w.file("pkg/" + LONG, 0640, 1000, data.length, new ByteArrayInputStream(data));
            w.symlink("pkg/link", "x".repeat(120), 1000);
        }
        Files.write(tmp.resolve("w.tar"), buf.toByteArray());
        Map<String, TreeEntry> m = byPath(tmp.resolve("w.tar"));
        assertThat(m.get("pkg/" + LONG).mode()).isEqualTo(0640);
        assertThat(m.get("pkg/link").link()).hasSize(120);
        Path out = Files.createDirectory(tmp.resolve("out"));
        run(out, "tar", "-xf", "../w.tar");
        assertThat(Files.readString(out.resolve("pkg/" + LONG))).isEqualTo("long name");
    }

    @Test
    void notAnArchiveIsAClearError() throws Exception {
        Files.writeString(tmp.resolve("x.zip"), "<html>404 Not Found</html>" + " ".repeat(600));
        assertThatThrownBy(() -> ArchiveReader.list(tmp.resolve("x.zip"))).hasMessageContaining("not a tar archive");
    }
}
