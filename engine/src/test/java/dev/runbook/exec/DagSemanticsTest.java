package dev.runbook.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.event.RunEvent;
import dev.runbook.event.StepStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DagSemanticsTest {
    @TempDir
    Path dir;

    @Test
    void diamondRunsNeedsFirstAndJoinsLast() throws Exception {
        Path f = Runs.write(dir, """
                runbook: diamond
                steps:
                  d: {needs: [b, c], tasks: [{command: "true"}]}
                  b: {needs: [a], tasks: [{command: "true"}]}
                  c: {needs: [a], tasks: [{command: "true"}]}
                  a: {tasks: [{command: "true"}]}
                """);
        Runs.Outcome o = Runs.apply(f);
        assertThat(o.result().status()).isEqualTo(RunResult.Status.OK);
        int aDone = o.indexOf(e -> e instanceof RunEvent.StepFinished s && s.step().equals("a"));
        int bStart = o.indexOf(e -> e instanceof RunEvent.StepStarted s && s.step().equals("b"));
        int cStart = o.indexOf(e -> e instanceof RunEvent.StepStarted s && s.step().equals("c"));
        int bDone = o.indexOf(e -> e instanceof RunEvent.StepFinished s && s.step().equals("b"));
        int cDone = o.indexOf(e -> e instanceof RunEvent.StepFinished s && s.step().equals("c"));
        int dStart = o.indexOf(e -> e instanceof RunEvent.StepStarted s && s.step().equals("d"));
        assertThat(aDone).isLessThan(bStart).isLessThan(cStart);
        assertThat(dStart).isGreaterThan(bDone).isGreaterThan(cDone);
    }

    /**
     * b waits for a file c writes and c waits for a file b writes: they can only both finish if
     * they really run at the same time (a sequential walk would time out and fail).
     */
    @Test
    void independentStepsOverlapInTime() throws Exception {
        Path f = Runs.write(dir, """
                runbook: overlap
                vars: {d: "%s"}
                steps:
                  b:
                    tasks:
                      - shell: touch {{ d }}/b-started; for i in $(seq 1 200); do [ -e {{ d }}/c-started ] && exit 0; sleep 0.05; done; exit 1
                  c:
                    tasks:
                      - shell: touch {{ d }}/c-started; for i in $(seq 1 200); do [ -e {{ d }}/b-started ] && exit 0; sleep 0.05; done; exit 1
                """.formatted(dir));
        Runs.Outcome o = Runs.apply(f);
        assertThat(o.result().status()).isEqualTo(RunResult.Status.OK);
        int firstFinish = o.indexOf(e -> e instanceof RunEvent.StepFinished);
        assertThat(o.indexOf(e -> e instanceof RunEvent.StepStarted s && s.step().equals("b"))).isLessThan(firstFinish);
        assertThat(o.indexOf(e -> e instanceof RunEvent.StepStarted s && s.step().equals("c"))).isLessThan(firstFinish);
    }

    @Test
    void failureSkipsDependentsNamingTheRootCauseAndRunsAlwaysAndOnFailure() throws Exception {
        Path f = Runs.write(dir, """
                runbook: failing
                steps:
                  backup: {tasks: [{shell: "exit 3"}]}
                  upgrade: {needs: [backup], tasks: [{command: "true"}]}
                  modules: {needs: [upgrade], tasks: [{command: "true"}]}
                  restore: {needs: [upgrade], run: on-failure, tasks: [{command: "true"}]}
                  maintenance-off: {needs: [modules, restore], run: always, tasks: [{command: "true"}]}
                """);
        Runs.Outcome o = Runs.apply(f);
        assertThat(o.result().status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(o.step("localhost", "backup").status()).isEqualTo(StepStatus.FAILED);
        assertThat(o.step("localhost", "upgrade").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(o.step("localhost", "upgrade").reason()).isEqualTo("needs 'backup', which failed");
        assertThat(o.step("localhost", "modules").reason()).isEqualTo("needs 'upgrade', skipped because 'backup' failed");
        assertThat(o.step("localhost", "restore").status()).isEqualTo(StepStatus.CHANGED);
        assertThat(o.step("localhost", "maintenance-off").status()).isEqualTo(StepStatus.CHANGED);
        assertThat(o.of(RunEvent.StepFinished.class).stream().filter(s -> s.status() == StepStatus.FAILED)).hasSize(1);
        assertThat(o.result().recap().get("localhost").failed()).isEqualTo(1);
    }

    @Test
    void onFailureStepIsSkippedWhenNothingFailed() throws Exception {
        Path f = Runs.write(dir, """
                runbook: fine
                steps:
                  upgrade: {tasks: [{command: "true"}]}
                  restore: {needs: [upgrade], run: on-failure, tasks: [{command: "false"}]}
                """);
        Runs.Outcome o = Runs.apply(f);
        assertThat(o.result().status()).isEqualTo(RunResult.Status.OK);
        assertThat(o.step("localhost", "restore").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(o.step("localhost", "restore").reason()).isEqualTo("on-failure: no step it needs failed");
    }

    @Test
    void onlyAndFromSelectSteps() throws Exception {
        Path f = Runs.write(dir, """
                runbook: select
                vars: {d: "%s"}
                steps:
                  a: {tasks: [{shell: "echo a >> {{ d }}/log"}]}
                  b: {needs: [a], tasks: [{shell: "echo b >> {{ d }}/log"}]}
                  c: {needs: [b], tasks: [{shell: "echo c >> {{ d }}/log"}]}
                """.formatted(dir));
        Runs.run(f, RunEvent.Mode.APPLY, Map.of(), "b", null);
        assertThat(Files.readString(dir.resolve("log"))).isEqualTo("b\n");
        Files.delete(dir.resolve("log"));
        Runs.run(f, RunEvent.Mode.APPLY, Map.of(), null, "b");
        assertThat(Files.readString(dir.resolve("log"))).isEqualTo("b\nc\n");
    }

    @Test
    void hostsWalkIndependentlyAndOneFailingHostDoesNotStopTheOthers() throws Exception {
        Path f = Runs.write(dir, """
                runbook: hosts
                steps:
                  check: {tasks: [{shell: "test {{ inventory_hostname }} != web2"}]}
                  after: {needs: [check], tasks: [{command: "true"}]}
                """);
        Runs.Outcome o = Runs.apply(f, "web1", "web2", "web3");
        assertThat(o.step("web1", "after").status()).isEqualTo(StepStatus.CHANGED);
        assertThat(o.step("web3", "after").status()).isEqualTo(StepStatus.CHANGED);
        assertThat(o.step("web2", "after").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(o.result().status()).isEqualTo(RunResult.Status.FAILED);
    }

    @Test
    void serialBatchesStopPastMaxFailPercentage() throws Exception {
        Path f = Runs.write(dir, """
                runbook: rolling
                serial: 2
                max_fail_percentage: 0
                vars: {d: "%s"}
                steps:
                  s: {tasks: [{shell: "echo {{ inventory_hostname }} >> {{ d }}/ran; test {{ inventory_hostname }} != h2"}]}
                """.formatted(dir));
        Runs.Outcome o = Runs.apply(f, "h1", "h2", "h3", "h4");
        assertThat(Files.readAllLines(dir.resolve("ran"))).containsExactlyInAnyOrder("h1", "h2");
        assertThat(o.of(RunEvent.BatchStarted.class)).hasSize(1);
        assertThat(o.of(RunEvent.Warning.class)).anyMatch(w -> w.message().contains("later batches were not started"));
    }

    @Test
    void serialContinuesWhenUnderTheLimit() throws Exception {
        Path f = Runs.write(dir, """
                runbook: rolling
                serial: 50%%
                vars: {d: "%s"}
                steps:
                  s: {tasks: [{shell: "echo {{ inventory_hostname }} >> {{ d }}/ran; test {{ inventory_hostname }} != h2"}]}
                """.formatted(dir));
        Runs.Outcome o = Runs.apply(f, "h1", "h2", "h3", "h4");
        assertThat(Files.readAllLines(dir.resolve("ran"))).containsExactlyInAnyOrder("h1", "h2", "h3", "h4");
        assertThat(o.of(RunEvent.BatchStarted.class)).hasSize(2);
    }

    @Test
    void runOnceRunsOnOneHostAndSharesItsResult() throws Exception {
        Path f = Runs.write(dir, """
                runbook: once
                vars: {d: "%s"}
                steps:
                  migrate:
                    run_once: true
                    tasks:
                      - shell: echo {{ inventory_hostname }} >> {{ d }}/ran; echo done
                        register: migration
                  use:
                    needs: [migrate]
                    tasks:
                      - shell: echo "{{ migration.stdout }}" > {{ d }}/{{ inventory_hostname }}.out
                """.formatted(dir));
        Runs.Outcome o = Runs.apply(f, "h1", "h2", "h3");
        assertThat(Files.readAllLines(dir.resolve("ran"))).hasSize(1);
        for (String h : new String[] {"h1", "h2", "h3"}) {
            assertThat(Files.readString(dir.resolve(h + ".out"))).isEqualTo("done\n");
        }
        assertThat(o.result().status()).isEqualTo(RunResult.Status.OK);
    }
}
