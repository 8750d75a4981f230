package dev.runbook.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.model.Runbook;
import dev.runbook.modules.ModuleRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncludeTest {
    @TempDir
    Path dir;

    @Test
    void stepsAndTasksComeFromIncludedFilesRelativeToTheIncludingOne() throws Exception {
        Files.createDirectories(dir.resolve("common/tasks"));
        Files.writeString(dir.resolve("main.yml"), """
                runbook: main
                include: common/steps.yml
                steps:
                  local:
                    needs: [shared]
                    include: common/tasks/first.yml
                    tasks:
                      - debug: {msg: own}
                """);
        Files.writeString(dir.resolve("common/steps.yml"), """
                steps:
                  shared:
                    tasks:
                      - include: tasks/first.yml
                      - debug: {msg: after}
                """);
        Files.writeString(dir.resolve("common/tasks/first.yml"), """
                - name: included one
                  debug: {msg: one}
                - include: second.yml
                """);
        Files.writeString(dir.resolve("common/tasks/second.yml"), "tasks:\n  - name: included two\n    command: \"true\"\n");
        RunbookParser parser = new RunbookParser(ModuleRegistry.builtins());
        Runbook rb = parser.parse(dir.resolve("main.yml")).orElseThrow(() -> new AssertionError(parser.diagnostics().all()));
        assertThat(rb.steps().keySet()).containsExactly("local", "shared");
        assertThat(rb.steps().get("shared").tasks()).extracting(t -> t.displayName())
                .containsExactly("included one", "included two", "debug");
        assertThat(rb.steps().get("local").tasks()).extracting(t -> t.displayName())
                .containsExactly("included one", "included two", "debug");
        assertThat(rb.files()).extracting(p -> dir.relativize(p.toAbsolutePath()).toString())
                .containsExactlyInAnyOrder("main.yml", "common/steps.yml", "common/tasks/first.yml", "common/tasks/second.yml");
        assertThat(rb.steps().get("shared").tasks().get(1).span().file()).endsWith("common/tasks/second.yml");
    }

    @Test
    void aMissingIncludeIsReportedWhereItIsNamed() throws Exception {
        Files.writeString(dir.resolve("main.yml"), "runbook: m\nsteps:\n  s:\n    include: nope.yml\n");
        RunbookParser parser = new RunbookParser(ModuleRegistry.builtins());
        assertThat(parser.parse(dir.resolve("main.yml"))).isEmpty();
        assertThat(parser.diagnostics().all()).singleElement().satisfies(d -> {
            assertThat(d.summary()).contains("nope.yml").contains("does not exist");
            assertThat(d.span().line()).isEqualTo(4);
        });
    }
}
