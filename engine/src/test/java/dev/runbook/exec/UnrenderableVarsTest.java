package dev.runbook.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.event.RunEvent;
import dev.runbook.event.TaskOutcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A variable whose template cannot be rendered is undefined to its readers, never its template text. */
class UnrenderableVarsTest {
    @TempDir
    Path dir;

    private TaskOutcome run(String vars, String msg) throws Exception {
        Runs.Outcome o = Runs.apply(Runs.write(dir, "runbook: undef\nvars:\n" + vars.indent(2)
            + "steps:\n  b:\n    tasks:\n      - debug: {msg: \"" + msg + "\"}\n"));
        List<RunEvent.TaskFinished> t = o.of(RunEvent.TaskFinished.class);
        return t.get(0).outcome();
    }

    private String failure(String vars, String msg) throws Exception {
        TaskOutcome outcome = run(vars, msg);
        assertThat(outcome).as("%s", outcome).isInstanceOf(TaskOutcome.Failed.class);
        return ((TaskOutcome.Failed) outcome).msg();
    }

    @ParameterizedTest
    @ValueSource(strings = {"t1 | length", "t1 | upper", "t1 | regex_search('x') | first", "t1", "t1 ~ 'x'",
        "t1.content", "t1 | string | length"})
    void everyUseOfTheVariableFailsWithTheRootCause(String use) throws Exception {
        String msg = failure("t1: \"{{ nosuch.content }}\"\nt4: \"{{ " + use + " }}\"\n", "t4={{ t4 }}");
        assertThat(msg).contains("undefined variable 't4'").contains("t4 -> t1")
            .contains("undefined variable 'nosuch'").contains("{{ nosuch.content }}")
            .doesNotContain("did you mean").doesNotContain("t4=20").doesNotContain("NOSUCH");
    }

    @Test
    void theIssueReproFailsInsteadOfPrintingTheLengthOfTheTemplateText() throws Exception {
        String msg = failure("t1: \"{{ nosuch.content }}\"\nt4: \"{{ t1 | length }}\"\n", "t4={{ t4 }}");
        assertThat(msg).startsWith(dir.resolve("runbook.yml") + ":8:9: ").contains("undefined variable 't4' in \"t4={{ t4 }}\": it is defined,"
            + " but its value cannot be rendered (t4 -> t1): undefined variable 'nosuch' in \"{{ nosuch.content }}\"");
    }

    @Test
    void readDirectlyTheVariableItselfIsNamed() throws Exception {
        String msg = failure("t1: \"{{ nosuch.content }}\"\nt2: \"{{ t1 }}\"\n", "{{ t1 | upper }}");
        assertThat(msg).contains("undefined variable 't1'").contains("cannot be rendered: undefined variable 'nosuch'")
            .doesNotContain("did you mean");
    }

    @Test
    void defaultAndDefinedSeeItAsUndefinedAsAnsibleDoes() throws Exception {
        TaskOutcome o = run("t1: \"{{ nosuch.content }}\"\nt5: \"{{ t1 | default('dflt') }}\"\n",
            "{{ t5 }} {{ t1 is defined }} {{ t1 is undefined }}");
        assertThat(((TaskOutcome.Ok) o).msg()).isEqualTo("dflt False True");
    }

    @Test
    void variablesRenderInAnyOrder() throws Exception {
        TaskOutcome o = run("c: \"{{ b }}/c\"\nb: \"{{ a }}/b\"\na: /a\n", "{{ c }} {{ c | length }}");
        assertThat(((TaskOutcome.Ok) o).msg()).isEqualTo("/a/b/c 6");
    }

    @Test
    void aCycleIsNamed() throws Exception {
        String msg = failure("a: \"{{ b }}\"\nb: \"{{ a }}\"\n", "{{ a }}");
        assertThat(msg).contains("undefined variable 'a'").contains("refers to itself");
    }

    @Test
    void aFilterFailureDeeperDownIsTheCause() throws Exception {
        String msg = failure("t1: \"{{ 'x' | no_such_filter }}\"\nt2: \"{{ t1 | length }}\"\n", "{{ t2 }}");
        assertThat(msg).contains("t2 -> t1").contains("no filter named 'no_such_filter'");
    }
}
