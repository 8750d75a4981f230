package dev.runbook.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apply --resume in-process: what finished is not run again, registered values come back, a fixed failure runs again. */
class ResumeTest {
    @TempDir
    Path dir;

    private Path runbook(String yaml) throws Exception {
        Path rb = dir.resolve("rb.yml");
        Files.writeString(rb, yaml.replace("DIR", dir.toString()));
        return rb;
    }

    private Cli.Result apply(Path rb, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("apply", rb.toString(), "--state-dir", dir.resolve("state").toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private List<String> lines(String file) throws Exception {
        Path p = dir.resolve(file);
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    @Test
    void aFailedTaskFixedInBetweenRunsAgainAndNothingBeforeItDoes() throws Exception {
        Path rb = runbook("""
                runbook: fixed
                steps:
                  one:
                    tasks:
                      - shell: echo once >> DIR/a; echo token-1
                        register: first
                      - name: items
                        shell: echo {{ item }} >> DIR/loop
                        loop: [x, y, z]
                      - set_fact: {remembered: "{{ first.stdout }}"}
                  two:
                    needs: [one]
                    tasks:
                      - shell: test -f DIR/fixed && echo {{ remembered }} >> DIR/b
                  cleanup:
                    needs: [two]
                    run: always
                    tasks:
                      - shell: echo cleaned >> DIR/c
                """);
        Cli.Result first = apply(rb);
        assertThat(first.exit()).as(first.out() + first.err()).isEqualTo(2);
        assertThat(lines("c")).containsExactly("cleaned");
        Files.writeString(dir.resolve("fixed"), "");

        Cli.Result resumed = apply(rb, "--resume");

        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        assertThat(lines("a")).containsExactly("once");
        assertThat(lines("loop")).containsExactly("x", "y", "z");
        assertThat(lines("b")).as("the registered value came back from the journal").containsExactly("token-1");
        assertThat(lines("c")).as("the always step ran in each attempt, as it would have").containsExactly("cleaned", "cleaned");
        assertThat(resumed.out()).contains("done").contains("before the resume");

        Cli.Result again = apply(rb, "--resume");
        assertThat(again.exit()).isEqualTo(4);
        assertThat(again.err()).contains("finished ok: there is nothing to resume");
    }

    @Test
    void noRunToResumeIsAnInputError() throws Exception {
        Path rb = runbook("""
                runbook: none
                steps:
                  one:
                    tasks:
                      - shell: "true"
                """);
        Cli.Result r = apply(rb, "--resume");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("no run of " + rb.toAbsolutePath() + " in ").contains("to resume");
    }

    @Test
    void theRunIdAndDateTimeAreTheSameInEveryAttemptOfARun() throws Exception {
        Path rb = runbook("""
                runbook: stamp
                steps:
                  backup:
                    tasks:
                      - shell: echo {{ runbook_run_id }} {{ ansible_date_time.iso8601_micro }} > DIR/backup-name
                  upgrade:
                    needs: [backup]
                    tasks:
                      - shell: test -f DIR/fixed && echo {{ runbook_run_id }} {{ ansible_date_time.iso8601_micro }} > DIR/restore-name
                """);
        assertThat(apply(rb).exit()).isEqualTo(2);
        Files.writeString(dir.resolve("fixed"), "");
        assertThat(apply(rb, "--resume").exit()).isZero();
        assertThat(lines("restore-name")).as("a backup named after the run is found under that name after a resume")
                .isEqualTo(lines("backup-name")).hasSize(1);
    }
}
