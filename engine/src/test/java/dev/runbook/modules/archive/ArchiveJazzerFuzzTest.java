package dev.runbook.modules.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Archive extraction, coverage-guided (Jazzer): each input is an archive file (tar, tar.gz or zip,
 * told apart by content as unarchive does). It gives entries or a clear refusal (IOException,
 * UnsafeArchive), never anything else; whatever is accepted is written for real into a scratch
 * dest (links included) and nothing lands outside it ({@link ArchiveFuzzTest#materialise}). Replays
 * {@code src/test/resources/dev/runbook/modules/archive/ArchiveJazzerFuzzTestInputs/archives/} in a
 * plain {@code mvn test}; fuzzes with {@code JAZZER_FUZZ=1} (docs/reliability.md).
 */
class ArchiveJazzerFuzzTest {
    private static final Path DIR = scratch();

    @FuzzTest(maxDuration = "30s")
    void archives(FuzzedDataProvider data) throws IOException {
        Path archive = Files.write(DIR.resolve("fuzzed"), data.consumeRemainingAsBytes());
        Map<String, TreeEntry> laid;
        try {
            List<TreeEntry> entries = ArchiveReader.list(archive);
            laid = new ArchiveLayout("").map(entries);
        } catch (IOException | ArchiveLayout.UnsafeArchive refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        ArchiveFuzzTest.materialise(DIR.resolve("scratch"), laid);
    }

    private static Path scratch() {
        try {
            Path dir = Files.createDirectories(Path.of("target/jazzer-scratch"));
            return Files.createTempDirectory(dir.toAbsolutePath(), "archive");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
