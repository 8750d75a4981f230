package dev.runbook.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.event.RunEvent;
import dev.runbook.event.TaskOutcome;
import dev.runbook.modules.ChangeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan never runs commands, so what the pipe and lines lookups give is unknown in a plan — in
 * arguments, loops, conditions, variables and facts made from them — not a failure; apply runs them.
 */
class PlanLookupCommandsTest {
    @TempDir
    Path dir;

    @Test
    void pipeAndLinesAreUnknownInAPlanAndRunWhenApplying() throws Exception {
        Path marker = dir.resolve("ran");
        Path f = Runs.write(dir, """
                runbook: t
                vars:
                  stamp: "{{ lookup('pipe', 'touch %s; echo 42') }}"
                steps:
                  s:
                    tasks:
                      - name: argument
                        debug: {msg: "{{ lookup('pipe', 'echo hello') }}"}
                      - name: loop
                        debug: {msg: "{{ item }}"}
                        loop: "{{ query('lines', 'printf \\"a\\\\nb\\\\n\\"') }}"
                      - name: condition
                        debug: {msg: "yes"}
                        when: lookup('pipe', 'echo 1') == '1'
                      - name: variable
                        debug: {msg: "{{ stamp }}"}
                      - set_fact:
                          rev: "{{ lookup('pipe', 'echo abc') }}"
                      - name: fact
                        debug: {msg: "{{ rev }}"}
                      - name: unrelated
                        debug: {msg: "known"}
                """.formatted(marker));
        List<RunEvent.TaskFinished> plan = Runs.run(f, RunEvent.Mode.PLAN, Map.of(), null, null, "localhost")
                .of(RunEvent.TaskFinished.class);
        assertThat(plan).hasSize(7);
        for (int i = 0; i < 6; i++) {
            assertThat(plan.get(i).outcome()).as(plan.get(i).task()).isInstanceOf(TaskOutcome.Planned.class);
            assertThat(((TaskOutcome.Planned) plan.get(i).outcome()).change().kind()).as(plan.get(i).task())
                    .isEqualTo(ChangeKind.UNKNOWN);
        }
        assertThat(((TaskOutcome.Planned) plan.get(0).outcome()).change().summary())
                .isEqualTo("runs lookup('pipe', 'echo hello') on the controller, which a plan does not do: known only when applying");
        assertThat(((TaskOutcome.Planned) plan.get(6).outcome()).change().summary()).isEqualTo("known");
        assertThat(Files.exists(marker)).as("a plan runs no command").isFalse();

        List<RunEvent.TaskFinished> applied = Runs.apply(f).of(RunEvent.TaskFinished.class).stream()
                .filter(t -> t.item() == null).toList();
        assertThat(applied).extracting(t -> ((TaskOutcome.Ok) t.outcome()).msg())
                .containsExactly("hello", "all items completed", "yes", "42", "set rev", "abc", "known");
        assertThat(Files.exists(marker)).isTrue();
    }
}
