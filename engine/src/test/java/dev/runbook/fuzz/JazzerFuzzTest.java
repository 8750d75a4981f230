package dev.runbook.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.runbook.cli.Cli;
import dev.runbook.diag.SourceSpan;
import dev.runbook.report.SavedPlan;
import dev.runbook.template.JinjavaTemplater;
import dev.runbook.template.TemplateException;
import dev.runbook.template.Templater;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzz targets (Jazzer). In a plain {@code mvn test} each target replays its
 * inputs in {@code src/test/resources/dev/runbook/fuzz/JazzerFuzzTestInputs/METHOD/} (seeds and
 * the regression inputs of earlier findings); with {@code JAZZER_FUZZ=1} one target is fuzzed for
 * {@code maxDuration} (docs/reliability.md). Each input is taken whole, as the bytes of a file, so
 * a committed input replays exactly. The invariant is {@link CliInvariant}'s: a result or a user
 * error naming the file, never an internal error, a stack trace, a hang or an exhausted heap.
 */
class JazzerFuzzTest {
    private static final Path DIR = scratch();
    private static final Templater TEMPLATER = new JinjavaTemplater();
    private static final Map<String, Object> VARS = Map.of("name", "web1", "items", List.of(1, 2, 3),
            "user", Map.of("name", "ops", "groups", List.of("a", "b")), "n", 7);

    @FuzzTest(maxDuration = "30s")
    void runbooks(FuzzedDataProvider data) throws IOException {
        Path file = write("fuzzed.yml", data);
        CliInvariant.userErrorAtMost(Cli.run("validate", file.toString()), file, 0, 4);
    }

    @FuzzTest(maxDuration = "30s")
    void iniInventories(FuzzedDataProvider data) throws IOException {
        Path file = write("hosts.ini", data);
        CliInvariant.userErrorAtMost(Cli.run("inventory", "-i", file.toString(), "--list"), file, 0, 4);
    }

    @FuzzTest(maxDuration = "30s")
    void yamlInventories(FuzzedDataProvider data) throws IOException {
        Path file = write("hosts.yml", data);
        CliInvariant.userErrorAtMost(Cli.run("inventory", "-i", file.toString(), "--list"), file, 0, 4);
    }

    @FuzzTest(maxDuration = "30s")
    void templates(FuzzedDataProvider data) {
        try {
            TEMPLATER.renderText(new String(data.consumeRemainingAsBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    VARS, SourceSpan.NONE);
        } catch (TemplateException e) {
            assertThat(e.getMessage()).isNotBlank(); // a user error, with a message
        }
    }

    /** A saved plan is read (as `apply --plan` does) and compared with itself: a plan, or an IOException with a message. */
    @FuzzTest(maxDuration = "30s")
    void savedPlans(FuzzedDataProvider data) throws IOException {
        Path file = write("plan.json", data);
        SavedPlan plan;
        try {
            plan = SavedPlan.read(file);
        } catch (IOException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(plan.drift(plan.plan())).isEmpty();
    }

    @FuzzTest(maxDuration = "30s")
    void journals(FuzzedDataProvider data) throws IOException {
        Path state = DIR.resolve("state");
        Path journal = Files.createDirectories(state.resolve("runs/20261129-120000-abcd")).resolve("journal.jsonl");
        Files.write(journal, data.consumeRemainingAsBytes());
        for (String[] args : new String[][] {{"runs"}, {"show", "20261129-120000-abcd"}}) {
            List<String> argv = new ArrayList<>(List.of(args));
            argv.addAll(List.of("--state-dir", state.toString()));
            CliInvariant.userErrorAtMost(Cli.run(argv.toArray(String[]::new)), journal, 0, 4, 7);
        }
    }

    private static Path write(String name, FuzzedDataProvider data) throws IOException {
        return Files.write(DIR.resolve(name), data.consumeRemainingAsBytes());
    }

    private static Path scratch() {
        try {
            Path dir = Files.createDirectories(Path.of("target/jazzer-scratch"));
            return Files.createTempDirectory(dir.toAbsolutePath(), "fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
