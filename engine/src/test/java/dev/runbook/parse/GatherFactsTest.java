package dev.runbook.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.model.Runbook;
import dev.runbook.model.Task;
import dev.runbook.modules.ModuleRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gather_facts on a step is Ansible's "Gathering Facts" task before the step's own (roles' too). */
class GatherFactsTest {
    @TempDir
    Path dir;

    Runbook parse(String yaml) throws Exception {
        Files.writeString(dir.resolve("rb.yml"), yaml);
        RunbookParser parser = new RunbookParser(ModuleRegistry.builtins());
        return parser.parse(dir.resolve("rb.yml")).orElseThrow(() -> new AssertionError(parser.diagnostics().all()));
    }

    @Test
    void gatherFactsRunsSetupFirstWithTheSubset() throws Exception {
        Runbook rb = parse("""
                runbook: g
                steps:
                  web:
                    gather_facts: true
                    gather_subset: "!all,hardware"
                    tasks:
                      - debug: {var: ansible_memtotal_mb}
                  db:
                    gather_facts: false
                    tasks:
                      - debug: {msg: hi}
                """);
        List<Task> web = rb.steps().get("web").tasks();
        assertThat(web).extracting(Task::displayName).containsExactly("Gathering Facts", "debug");
        assertThat(web.get(0).module().module()).isEqualTo("setup");
        assertThat(web.get(0).module().args()).isEqualTo(Map.of("gather_subset", List.of("!all", "hardware")));
        assertThat(web.get(0).span().line()).isEqualTo(4);
        assertThat(rb.steps().get("db").tasks()).extracting(Task::displayName).containsExactly("debug");
    }

    @Test
    void aWrongValueIsADiagnostic() throws Exception {
        Files.writeString(dir.resolve("rb.yml"), "runbook: g\nsteps:\n  s:\n    gather_facts: maybe\n    tasks:\n      - debug: {msg: x}\n");
        RunbookParser parser = new RunbookParser(ModuleRegistry.builtins());
        assertThat(parser.parse(dir.resolve("rb.yml"))).isEmpty();
        assertThat(parser.diagnostics().all()).singleElement().satisfies(d -> assertThat(d.span().line()).isEqualTo(4));
    }
}
