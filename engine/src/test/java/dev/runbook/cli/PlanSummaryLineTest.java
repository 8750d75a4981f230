package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Plan: line counts what the plan shows, failures of whole steps and skipped tasks included. */
class PlanSummaryLineTest {
    @TempDir
    Path dir;

    @Test
    void aStepThatWouldFailWithoutRunningATaskIsShownAndCounted() throws Exception {
        Path rb = dir.resolve("sw.yml");
        Files.writeString(rb, """
                runbook: sw
                steps:
                  a:
                    when: nosuch.enabled
                    tasks:
                      - debug: {msg: hi}
                  b:
                    tasks:
                      - command: "false"
                        check: "exit 0"
                      - debug: {msg: skip}
                        when: false
                      - fail: {msg: tolerated}
                        ignore_errors: true
                """);
        Cli.Result r = Cli.run("plan", rb.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out().replace(rb.toString(), "RB")).isEqualTo("""
                Planning sw on 1 host (read-only probes; nothing is changed)

                localhost
                  ! a  — RB:4:11: undefined variable 'nosuch' in "nosuch.enabled"
                  b
                    ~ command: false  — would run: false (check says it would change)
                    · debug  — when: false was false
                    ! fail  — ignored: tolerated

                Plan: 0 to create, 1 to change, 0 to remove, 0 unknown, 0 unchanged, 2 would fail (1 ignored), 1 skipped, on 1 host.
                """);
    }
}
