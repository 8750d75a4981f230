package dev.runbook.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.event.RunEvent;
import dev.runbook.event.TaskOutcome;
import dev.runbook.modules.ChangeKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan mode: values known only when applying stay unknown through set_fact, instead of failing later tasks. */
class PlanUnknownFactsTest {
    @TempDir
    Path dir;

    @Test
    void aSetFactFromAnUnknownResultMakesItsNamesUnknownNotUndefined() throws Exception {
        Path f = Runs.write(dir, """
                runbook: t
                steps:
                  s:
                    tasks:
                      - shell: echo 3
                        register: out
                      - set_fact:
                          count: "{{ out.stdout | int }}"
                      - name: reads the fact
                        debug: {msg: "count is {{ count }}"}
                      - name: decides on the fact
                        debug: {msg: "many"}
                        when: count | int > 2
                      - name: unrelated
                        debug: {msg: "still known"}
                """);
        List<RunEvent.TaskFinished> t = Runs.run(f, RunEvent.Mode.PLAN, Map.of(), null, null, "localhost")
                .of(RunEvent.TaskFinished.class);
        assertThat(t).hasSize(5);
        for (int i : new int[] {1, 2, 3}) {
            TaskOutcome.Planned p = (TaskOutcome.Planned) t.get(i).outcome();
            assertThat(p.change().kind()).as(t.get(i).task()).isEqualTo(ChangeKind.UNKNOWN);
        }
        assertThat(((TaskOutcome.Planned) t.get(2).outcome()).change().summary())
                .isEqualTo("depends on 'count', which is known only when applying");
        assertThat(((TaskOutcome.Planned) t.get(4).outcome()).change().summary()).isEqualTo("still known");
    }
}
