package dev.runbook.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.event.RunEvent;
import dev.runbook.event.TaskOutcome;
import dev.runbook.testing.DebianPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** loop_control (label, loop_var, index_var, extended, pause), checked against real Ansible. */
class LoopControlTest {
    @TempDir
    Path dir;

    private static final String LOOP = """
            loop: [apple, banana, cherry]
            loop_control:
              loop_var: fruit
              index_var: idx
              extended: true
              label: "{{ fruit | upper }}"
            """;
    private static final String MSG = "{{ idx }}:{{ fruit }}:{{ ansible_loop_var }}:{{ ansible_loop.index }}:{{ ansible_loop.index0 }}:"
            + "{{ ansible_loop.revindex }}:{{ ansible_loop.revindex0 }}:{{ ansible_loop.first }}:{{ ansible_loop.last }}:"
            + "{{ ansible_loop.length }}:{{ ansible_loop.previtem | default('-') }}:{{ ansible_loop.nextitem | default('-') }}:"
            + "{{ ansible_loop.allitems | length }}";

    private static List<String> messages(Runs.Outcome o) {
        return o.of(RunEvent.TaskFinished.class).stream().filter(t -> t.item() != null)
                .map(t -> ((TaskOutcome.Ok) t.outcome()).msg()).toList();
    }

    @Test
    void loopVarIndexVarExtendedAndLabelAsAnsible() throws Exception {
        Path f = Runs.write(dir, """
                runbook: loops
                steps:
                  s:
                    tasks:
                      - debug: {msg: "%s"}
                        register: out
                %s
                      - debug: {msg: "{{ out.results | map(attribute='fruit') | join(',') }} {{ out.results | map(attribute='idx') | join(',') }} {{ out.results[0].ansible_loop_var }}"}
                """.formatted(MSG, LOOP.indent(8)));
        Runs.Outcome o = Runs.apply(f);
        List<String> ours = messages(o);
        assertThat(o.of(RunEvent.TaskFinished.class).stream().filter(t -> t.item() != null).map(RunEvent.TaskFinished::item))
                .containsExactly("APPLE", "BANANA", "CHERRY");
        RunEvent.TaskFinished last = o.of(RunEvent.TaskFinished.class).get(o.of(RunEvent.TaskFinished.class).size() - 1);
        assertThat(((TaskOutcome.Ok) last.outcome()).msg()).isEqualTo("apple,banana,cherry 0,1,2 fruit");

        DebianPackages.ensure("/usr/bin/ansible-playbook", "ansible-core");
        Path play = dir.resolve("play.yml");
        Path results = dir.resolve("ansible-results.json");
        Files.writeString(play, """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - debug: {msg: "%s"}
                      register: out
                %s
                    - copy: {content: "{{ out.results | map(attribute='msg') | list | to_json }}", dest: "%s"}
                """.formatted(MSG, LOOP.indent(6), results));
        ProcessBuilder pb = new ProcessBuilder("ansible-playbook", "-i", "localhost,", "-c", "local", play.toString())
                .redirectErrorStream(true);
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        List<?> theirs = new com.fasterxml.jackson.databind.ObjectMapper().readValue(Files.readString(results), List.class);
        assertThat(out).contains("(item=APPLE)").contains("(item=BANANA)").contains("(item=CHERRY)");
        assertThat(ours).containsExactlyElementsOf(theirs.stream().map(String::valueOf).toList());
    }

    @Test
    void runIdAndDateTimeAreTheSameForEveryHostAndStepOfARun() throws Exception {
        Path f = Runs.write(dir, """
                runbook: stamp
                steps:
                  a:
                    tasks:
                      - debug: {msg: "{{ runbook_run_id }} {{ ansible_date_time.epoch }} {{ ansible_date_time.date }}"}
                  b:
                    needs: [a]
                    tasks:
                      - debug: {msg: "{{ runbook_run_id }} {{ ansible_facts.date_time.epoch }} {{ ansible_date_time.date }}"}
                """);
        Runs.Outcome o = Runs.apply(f, "web1", "web2");
        List<String> msgs = o.of(RunEvent.TaskFinished.class).stream().map(t -> ((TaskOutcome.Ok) t.outcome()).msg()).toList();
        assertThat(msgs).hasSize(4).allMatch(m -> m.equals(msgs.get(0)));
        assertThat(msgs.get(0)).startsWith(o.result().runId() + " ").matches("\\S+ \\d{10} \\d{4}-\\d\\d-\\d\\d");
        Runs.Outcome again = Runs.apply(f, "web1");
        String next = ((TaskOutcome.Ok) again.of(RunEvent.TaskFinished.class).get(0).outcome()).msg();
        assertThat(next.split(" ")[0]).isNotEqualTo(msgs.get(0).split(" ")[0]);
    }

    @Test
    void pauseWaitsBetweenItemsThroughTheRunControl() throws Exception {
        Path f = Runs.write(dir, """
                runbook: pause
                steps:
                  s:
                    tasks:
                      - debug: {msg: "{{ item }}"}
                        loop: [1, 2, 3]
                        loop_control: {pause: 1}
                """);
        long start = System.nanoTime();
        Runs.Outcome o = Runs.apply(f);
        assertThat(messages(o)).containsExactly("1", "2", "3");
        // two pauses of a second: the run cannot have been shorter (a lower bound, not a timing assertion)
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(2_000_000_000L);
    }
}
