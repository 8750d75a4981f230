package dev.runbook.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runbook runs, runbook show, --prune, and a torn last journal line. */
class HistoryTest {
    @TempDir
    Path dir;

    private Path state() {
        return dir.resolve("state");
    }

    private Path runbook(String name, String yaml) throws Exception {
        Path rb = dir.resolve(name + ".yml");
        Files.writeString(rb, yaml.replace("DIR", dir.toString()));
        return rb;
    }

    private Cli.Result cli(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--state-dir", state().toString()));
        return Cli.run(all.toArray(String[]::new));
    }

    private static final String FAILING = """
            runbook: web
            steps:
              prepare:
                tasks:
                  - name: say hello
                    shell: echo hello from the task; echo to stderr >&2
                  - name: check
                    shell: test -f DIR/present
            """;

    @Test
    void runsListsEveryRunAndShowTellsPerHostStepAndTask() throws Exception {
        Path rb = runbook("web", FAILING);
        assertThat(cli("apply", rb.toString()).exit()).isEqualTo(2);
        Files.writeString(dir.resolve("present"), "");
        assertThat(cli("apply", rb.toString()).exit()).isZero();

        Cli.Result runs = cli("runs");
        assertThat(runs.exit()).isZero();
        List<String> lines = runs.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("RUN ").contains("RESUMABLE");
        assertThat(lines.get(1)).contains("web").contains("failed").contains("0/0/1/0").endsWith("yes");
        assertThat(lines.get(2)).contains("web").contains(" ok ").contains("0/1/0/0").endsWith("no");
        String failedRun = lines.get(1).split(" ")[0];

        Cli.Result show = cli("show", failedRun);
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("run " + failedRun + " · web · " + rb.toAbsolutePath())
                .contains("failed (exit 2)".replace(" (exit 2)", ""))
                .containsPattern("changed +say hello")
                .containsPattern("failed +check .*non-zero exit code 1");

        Cli.Result failedOnly = cli("show", failedRun, "--failed");
        assertThat(failedOnly.out()).contains("check").doesNotContain("say hello");

        Cli.Result output = cli("show", failedRun, "--host", "localhost", "--task", "say hello");
        assertThat(output.out()).contains("│ hello from the task").contains("│ to stderr").doesNotContainPattern("failed +check");

        Cli.Result json = cli("show", failedRun, "--output", "json");
        Object parsed = Json.parse(json.out().strip());
        assertThat(parsed).as(json.out()).isNotNull();
        assertThat(json.out()).contains("\"status\":\"failed\"").contains("\"task\":\"check\"");

        Cli.Result noHost = cli("show", failedRun, "--host", "localhst");
        assertThat(noHost.exit()).isEqualTo(4);
        assertThat(noHost.err()).contains("no host 'localhst'").contains("localhost");
    }

    @Test
    void pruneKeepsTheNewestRunsAndTheNewestUnfinishedOne() throws Exception {
        Path failing = runbook("web", FAILING);
        Path ok = runbook("ok", """
                runbook: ok
                steps:
                  s:
                    tasks:
                      - shell: "true"
                """);
        assertThat(cli("apply", failing.toString()).exit()).isEqualTo(2);
        for (int i = 0; i < 3; i++) {
            assertThat(cli("apply", ok.toString()).exit()).isZero();
        }
        List<String> before = new dev.runbook.state.local.LocalRunStore(state(), w -> { }).list();
        assertThat(before).hasSize(4);

        Cli.Result pruned = cli("runs", "--prune", "1");

        assertThat(pruned.exit()).as(pruned.err()).isZero();
        List<String> after = new dev.runbook.state.local.LocalRunStore(state(), w -> { }).list();
        assertThat(after).containsExactly(before.get(0), before.get(3));
        assertThat(pruned.out()).contains("removed 2 runs");
        assertThat(cli("apply", failing.toString(), "--resume").exit()).as("the unfinished run can still be resumed").isEqualTo(2);
    }

    @Test
    void aTornLastLineIsIgnoredWithAWarningAndResumeCarriesOn() throws Exception {
        Path rb = runbook("torn", """
                runbook: torn
                steps:
                  s:
                    tasks:
                      - shell: echo one >> DIR/count
                      - shell: test -f DIR/present
                      - shell: echo three >> DIR/count
                """);
        assertThat(cli("apply", rb.toString()).exit()).isEqualTo(2);
        String id = new dev.runbook.state.local.LocalRunStore(state(), w -> { }).list().get(0);
        Path journal = state().resolve("runs").resolve(id).resolve("journal.jsonl");
        Files.writeString(journal, "{\"type\":\"task_started\",\"host\":\"local", StandardOpenOption.APPEND);

        Cli.Result show = cli("show", id);
        assertThat(show.exit()).isZero();
        assertThat(show.err()).contains("warning:").contains("torn");

        Files.writeString(dir.resolve("present"), "");
        Cli.Result resumed = cli("apply", rb.toString(), "--resume");
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.err()).contains("torn");
        assertThat(Files.readAllLines(dir.resolve("count"))).containsExactly("one", "three");
        for (String line : Files.readAllLines(journal)) {
            assertThat(Json.parse(line)).as("every line is a whole record: " + line).isNotNull();
        }
    }
}
