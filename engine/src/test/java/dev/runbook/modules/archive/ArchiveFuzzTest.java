package dev.runbook.modules.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.fuzz.Fuzzer;
import dev.runbook.testing.DebianPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile archives, fuzzed: mutations of real tar, tar.gz and zip files (with links, one of
 * them chained) are read and laid out as unarchive does. Each gives entries or a clear refusal
 * (IOException, UnsafeArchive), never anything else; and whatever is accepted, written for real
 * into a scratch dest (links included), puts nothing outside that dest.
 */
@Timeout(600)
class ArchiveFuzzTest {
    @TempDir
    Path dir;

    @Test
    void archivesAreReadOrRefusedAndNeverWriteOutsideDest() throws Exception {
        DebianPackages.ensure("/usr/bin/zip", "zip");
        Path tree = Files.createDirectories(dir.resolve("tree/app/conf"));
        Files.writeString(tree.resolve("app.conf"), "a = 1\n");
        Files.writeString(dir.resolve("tree/app/index.php"), "<?php echo 1;\n");
        Files.createSymbolicLink(dir.resolve("tree/app/current"), Path.of("conf"));
        Files.createSymbolicLink(dir.resolve("tree/app/self"), Path.of("."));
        List<byte[]> seeds = new ArrayList<>();
        ArchiveReaderTest.run(dir.resolve("tree"), "tar", "-cf", "../a.tar", "app");
        ArchiveReaderTest.run(dir.resolve("tree"), "tar", "-czf", "../a.tgz", "app");
        ArchiveReaderTest.run(dir.resolve("tree"), "zip", "-qry", "../a.zip", "app");
        for (String f : new String[] {"a.tar", "a.tgz", "a.zip"}) {
            seeds.add(Files.readAllBytes(dir.resolve(f)));
        }
        Path archive = dir.resolve("fuzzed");
        Path scratch = dir.resolve("scratch");
        Fuzzer.run("archive", seeds, input -> {
            Files.write(archive, input);
            List<TreeEntry> entries;
            Map<String, TreeEntry> laid;
            try {
                entries = ArchiveReader.list(archive);
                laid = new ArchiveLayout("").map(entries);
            } catch (IOException | ArchiveLayout.UnsafeArchive refused) {
                assertThat(refused.getMessage()).isNotBlank();
                return;
            }
            materialise(scratch, laid);
        });
    }

    /** Writes the laid-out entries under scratch/dest, links first, then checks scratch holds only dest. */
    static void materialise(Path scratch, Map<String, TreeEntry> laid) throws IOException {
        wipe(scratch);
        Path dest = Files.createDirectories(scratch.resolve("dest"));
        List<TreeEntry> order = laid.values().stream().sorted(Comparator.comparing(TreeEntry::path)).toList();
        for (TreeEntry e : order) {
            Path p = dest.resolve(e.path());
            try {
                if (e.isLink()) {
                    Files.createSymbolicLink(p, Path.of(e.link()));
                } else if (e.isDir()) {
                    Files.createDirectories(p);
                } else {
                    Files.createDirectories(p.getParent());
                    Files.writeString(p, "x");
                }
            } catch (java.nio.file.FileSystemException clash) {
                // a name used twice, a link to nowhere: the host would refuse as well; what matters is where writes land
            }
        }
        try (Stream<Path> s = Files.list(scratch)) {
            assertThat(s.map(Path::getFileName).map(Path::toString)).containsExactly("dest");
        }
    }

    static void wipe(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
