package dev.runbook.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.event.RunEvent;
import dev.runbook.event.StepStatus;
import dev.runbook.event.TaskOutcome;
import dev.runbook.modules.ChangeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskSemanticsTest {
    @TempDir
    Path dir;

    private Runs.Outcome apply(String yaml) throws Exception {
        return Runs.apply(Runs.write(dir, yaml));
    }

    private static List<RunEvent.TaskFinished> tasks(Runs.Outcome o) {
        return o.of(RunEvent.TaskFinished.class).stream().filter(t -> t.item() == null).toList();
    }

    @Test
    void whenRegisterAndChangedWhen() throws Exception {
        Runs.Outcome o = apply("""
                runbook: t
                steps:
                  s:
                    tasks:
                      - command: echo 4.0.2.3
                        register: version
                        changed_when: false
                      - name: old
                        debug: {msg: old}
                        when: version.stdout is version('4.0', '<')
                      - name: new
                        debug: {msg: "new {{ version.stdout }}"}
                        when: version.stdout is version('4.0', '>=')
                """);
        List<RunEvent.TaskFinished> t = tasks(o);
        assertThat(t.get(0).outcome()).isInstanceOf(TaskOutcome.Ok.class);
        assertThat(((TaskOutcome.Ok) t.get(0).outcome()).changed()).isFalse();
        assertThat(t.get(1).outcome()).isInstanceOf(TaskOutcome.Skipped.class);
        assertThat(((TaskOutcome.Skipped) t.get(1).outcome()).reason()).isEqualTo("when: version.stdout is version('4.0', '<') was false");
        assertThat(((TaskOutcome.Ok) t.get(2).outcome()).msg()).isEqualTo("new 4.0.2.3");
    }

    @Test
    void loopRegistersEveryItem() throws Exception {
        Runs.Outcome o = apply("""
                runbook: t
                vars: {d: "%s", names: [a, b, c]}
                steps:
                  s:
                    tasks:
                      - shell: echo {{ item }} >> {{ d }}/items
                        loop: "{{ names }}"
                        register: out
                      - debug: {msg: "{{ out.results | length }} {{ out.results[1].item }}"}
                """.formatted(dir));
        assertThat(Files.readAllLines(dir.resolve("items"))).containsExactly("a", "b", "c");
        assertThat(((TaskOutcome.Ok) tasks(o).get(1).outcome()).msg()).isEqualTo("3 b");
        assertThat(o.of(RunEvent.TaskFinished.class).stream().filter(t -> t.item() != null)).hasSize(3);
    }

    @Test
    void failedWhenAndIgnoreErrors() throws Exception {
        Runs.Outcome o = apply("""
                runbook: t
                steps:
                  s:
                    tasks:
                      - shell: echo "ERROR something"
                        register: r
                        failed_when: "'ERROR' in r.stdout"
                        ignore_errors: true
                      - debug: {msg: "went on, failed={{ r.failed }}"}
                      - shell: exit 0
                        failed_when: true
                  after: {needs: [s], tasks: [{debug: {msg: never}}]}
                """);
        List<RunEvent.TaskFinished> t = tasks(o);
        assertThat(((TaskOutcome.Failed) t.get(0).outcome()).ignored()).isTrue();
        assertThat(((TaskOutcome.Ok) t.get(1).outcome()).msg()).isEqualTo("went on, failed=True");
        assertThat(((TaskOutcome.Failed) t.get(2).outcome()).ignored()).isFalse();
        assertThat(o.step("localhost", "after").status()).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void untilRetriesUntilTheConditionHolds() throws Exception {
        Runs.Outcome o = apply("""
                runbook: t
                vars: {d: "%s"}
                steps:
                  s:
                    tasks:
                      - shell: echo x >> {{ d }}/tries; wc -l < {{ d }}/tries
                        register: n
                        until: n.stdout | int >= 3
                        retries: 5
                        delay: 0
                """.formatted(dir));
        assertThat(Files.readAllLines(dir.resolve("tries"))).hasSize(3);
        assertThat(o.result().status()).isEqualTo(RunResult.Status.OK);
    }

    @Test
    void retriesRunOutAndFail() throws Exception {
        Runs.Outcome o = apply("""
                runbook: t
                vars: {d: "%s"}
                steps:
                  s:
                    tasks:
                      - shell: echo x >> {{ d }}/tries; exit 1
                        retries: 2
                        delay: 0
                """.formatted(dir));
        assertThat(Files.readAllLines(dir.resolve("tries"))).hasSize(3);
        assertThat(o.result().status()).isEqualTo(RunResult.Status.FAILED);
    }

    @Test
    void noLogHidesOutputAndMessagesInEvents() throws Exception {
        Runs.Outcome o = apply("""
                runbook: t
                vars: {secret: hunter2}
                steps:
                  s:
                    tasks:
                      - shell: echo {{ secret }}; exit 1
                        no_log: true
                """);
        String all = o.events().toString();
        assertThat(all).doesNotContain("hunter2");
        assertThat(((TaskOutcome.Failed) tasks(o).get(0).outcome()).msg()).contains("no_log");
    }

    @Test
    void setFactAndExtraVarsPrecedence() throws Exception {
        Path f = Runs.write(dir, """
                runbook: t
                vars: {color: red, size: small}
                steps:
                  a:
                    vars: {size: medium}
                    tasks:
                      - set_fact: {shape: "round {{ size }}"}
                  b:
                    needs: [a]
                    tasks:
                      - debug: {msg: "{{ color }} {{ shape }}"}
                """);
        Runs.Outcome o = Runs.run(f, RunEvent.Mode.APPLY, Map.of("color", "blue"), null, null, "localhost");
        assertThat(((TaskOutcome.Ok) tasks(o).get(1).outcome()).msg()).isEqualTo("blue round medium");
    }

    @Test
    void undefinedVariableFailsNamingItAndWhere() throws Exception {
        Runs.Outcome o = apply("""
                runbook: t
                steps:
                  s:
                    tasks:
                      - command: ls {{ webroot }}
                """);
        TaskOutcome.Failed f = (TaskOutcome.Failed) tasks(o).get(0).outcome();
        assertThat(f.msg()).contains("webroot").contains("runbook.yml:5:");
    }

    @Test
    void templatedVariablesResolveThroughChains() throws Exception {
        Runs.Outcome o = apply("""
                runbook: t
                vars:
                  root: /var/www
                  shop: "{{ root }}/shop"
                  config: "{{ shop }}/config.php"
                steps:
                  s: {tasks: [{debug: {msg: "{{ config }}"}}]}
                """);
        assertThat(((TaskOutcome.Ok) tasks(o).get(0).outcome()).msg()).isEqualTo("/var/www/shop/config.php");
    }

    @Test
    void creates_skipsTheCommandWhenThePathExists() throws Exception {
        Files.writeString(dir.resolve("marker"), "");
        Runs.Outcome o = apply("""
                runbook: t
                vars: {d: "%s"}
                steps:
                  s:
                    tasks:
                      - shell: echo ran > {{ d }}/ran
                        creates: "{{ d }}/marker"
                """.formatted(dir));
        assertThat(Files.exists(dir.resolve("ran"))).isFalse();
        assertThat(((TaskOutcome.Ok) tasks(o).get(0).outcome()).changed()).isFalse();
    }

    @Test
    void planMarksResultsOfCommandsUnknownAndPropagatesToWhen() throws Exception {
        Path f = Runs.write(dir, """
                runbook: t
                vars: {d: "%s"}
                steps:
                  s:
                    tasks:
                      - shell: cat /etc/hostname
                        register: h
                      - name: depends on h
                        shell: echo {{ h.stdout }} > {{ d }}/x
                        when: h.stdout != ''
                      - name: decided by creates
                        shell: touch {{ d }}/never
                        creates: /
                """.formatted(dir));
        Runs.Outcome o = Runs.run(f, RunEvent.Mode.PLAN, Map.of(), null, null, "localhost");
        List<RunEvent.TaskFinished> t = tasks(o);
        assertThat(((TaskOutcome.Planned) t.get(0).outcome()).change().kind()).isEqualTo(ChangeKind.UNKNOWN);
        TaskOutcome.Planned dependent = (TaskOutcome.Planned) t.get(1).outcome();
        assertThat(dependent.change().kind()).isEqualTo(ChangeKind.UNKNOWN);
        assertThat(dependent.change().summary()).isEqualTo("depends on 'h', which is known only when applying");
        assertThat(((TaskOutcome.Planned) t.get(2).outcome()).change().kind()).isEqualTo(ChangeKind.NONE);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsOnly("runbook.yml");
    }

    @Test
    void planTreatsProbesAfterAPredictedChangeAsUnknown() throws Exception {
        Path f = Runs.write(dir, """
                runbook: t
                vars: {d: "%s"}
                steps:
                  s:
                    tasks:
                      - stat: {path: "{{ d }}/new"}
                        register: before
                      - debug: {msg: "exists={{ before.stat.exists }}"}
                      - file: {path: "{{ d }}/new", state: directory}
                      - stat: {path: "{{ d }}/new"}
                        register: after
                      - debug: {msg: "exists={{ after.stat.exists }}"}
                """.formatted(dir));
        List<RunEvent.TaskFinished> t = tasks(Runs.run(f, RunEvent.Mode.PLAN, Map.of(), null, null, "localhost"));
        assertThat(((TaskOutcome.Planned) t.get(1).outcome()).change().summary()).isEqualTo("exists=False");
        assertThat(((TaskOutcome.Planned) t.get(4).outcome()).change().summary())
                .isEqualTo("depends on 'after', which is known only when applying");
    }

    @Test
    void connectionPasswordsAndSecretArgumentsNeverReachEvents() throws Exception {
        Path f = Runs.write(dir, """
                runbook: t
                steps:
                  s:
                    tasks:
                      - debug: {msg: "pw is {{ ansible_become_password }}"}
                      - shell: echo "{{ ansible_become_password }}"; exit 1
                        register: out
                        ignore_errors: true
                      - debug: {msg: "{{ out.stdout | length }}"}
                """);
        Runs.Outcome o = Runs.run(f, RunEvent.Mode.APPLY, Map.of("ansible_become_password", "hunter2-secret"), null, null, "localhost");
        assertThat(o.events().toString()).doesNotContain("hunter2-secret").contains("pw is ********");
        assertThat(((TaskOutcome.Ok) tasks(o).get(2).outcome()).msg()).isEqualTo("14"); // the registered value is real
    }
}
