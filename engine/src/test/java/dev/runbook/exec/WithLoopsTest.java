package dev.runbook.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.event.RunEvent;
import dev.runbook.event.TaskOutcome;
import dev.runbook.testing.RealAnsible;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The with_* loops, item for item as ansible-playbook runs the same tasks. */
class WithLoopsTest {
    @TempDir
    Path dir;

    /** Tasks r0..rN, each a debug per item; the same text runs in a runbook step and an Ansible play. */
    static final List<String> TASKS = List.of(
            """
            - debug: {msg: "{{ item.key }}={{ item.value }}"}
              with_dict: {web: 80, db: 3306}
            """,
            """
            - debug: {msg: "{{ item.0.name }}:{{ item.1 }}:{{ item.0.keys() | sort | join(',') }}"}
              with_subelements:
                - "{{ users }}"
                - keys
                - skip_missing: true
            """,
            """
            - debug: {msg: "{{ item.0.name }}/{{ item.1 }}"}
              with_subelements: ["{{ sites }}", "conf.aliases"]
            """,
            """
            - debug: {msg: "{{ item.0 }}-{{ item.1 }}"}
              with_together: [[a, b, c], [1, 2, 3]]
            """,
            """
            - debug: {msg: "{{ item.0 }}{{ item.1 }}{{ item.2 }}"}
              with_nested: [[x, y], [1, 2], ["!"]]
            """,
            """
            - debug: {msg: "{{ item }}"}
              with_sequence: start=4 end=16 stride=4 format=web%02d
            """,
            """
            - debug: {msg: "{{ item }}"}
              with_sequence: count=3
            """,
            """
            - debug: {msg: "{{ item }}"}
              with_sequence: start=10 end=6 stride=-2
            """,
            """
            - debug: {msg: "{{ item.0 }}:{{ item.1 }}"}
              with_indexed_items: [a, b]
            """,
            """
            - debug: {msg: "n={{ item }}"}
              with_items: [[1, 2], 3, [[4]]]
            """,
            """
            - debug: {msg: "n={{ item }}"}
              with_flattened: [[1, [2, [3]]], 4]
            """,
            """
            - debug: {msg: "n={{ item }}"}
              with_list: [[1, 2], 3]
            """,
            """
            - debug: {msg: "{{ item | basename }}"}
              with_first_found: ["missing.yml", "{{ 'defaults' }}.yml"]
            """,
            """
            - include_vars: "{{ item }}"
              with_first_found:
                - files: ["{{ os }}.yml", "default.yml"]
                  paths: [vars]
            """,
            """
            - debug: {msg: "picked {{ picked }}"}
            """,
            """
            - debug: {msg: "{{ item }}"}
              with_first_found:
                - files: [nothing.yml]
                  skip: true
            """);
    static final String VARS = """
            os: Plan9
            users:
              - {name: alice, keys: [k1, k2], shell: /bin/bash}
              - {name: bob}
              - {name: carol, keys: [k3]}
            sites:
              - {name: shop, conf: {aliases: [www.shop, shop.local], tls: true}}
            """;

    @Test
    void itemsAsAnsible() throws Exception {
        Files.createDirectories(dir.resolve("vars"));
        Files.createDirectories(dir.resolve("files"));
        Files.writeString(dir.resolve("vars/default.yml"), "picked: default\n");
        Files.writeString(dir.resolve("files/defaults.yml"), "x: 1\n");
        StringBuilder steps = new StringBuilder();
        for (String t : TASKS) {
            steps.append(t.indent(6));
        }
        Path book = Runs.write(dir, "runbook: loops\nvars:\n" + VARS.indent(2) + "steps:\n  s:\n    tasks:\n" + steps);
        Runs.Outcome o = Runs.apply(book);
        List<String> ours = new ArrayList<>();
        for (RunEvent.TaskFinished f : o.of(RunEvent.TaskFinished.class)) {
            if (f.item() != null && f.outcome() instanceof TaskOutcome.Ok ok && !ok.msg().startsWith("loaded")) {
                ours.add(ok.msg());
            } else if (f.item() == null && f.outcome() instanceof TaskOutcome.Ok ok && ok.msg().startsWith("picked")) {
                ours.add(ok.msg());
            }
        }

        StringBuilder play = new StringBuilder("- hosts: localhost\n  gather_facts: false\n  vars:\n" + VARS.indent(4) + "  tasks:\n");
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < TASKS.size(); i++) {
            if (TASKS.get(i).contains("include_vars")) {
                play.append(TASKS.get(i).indent(4));
                continue;
            }
            play.append(TASKS.get(i).indent(4)).append("      register: r").append(i).append('\n');
            registered.add(TASKS.get(i).contains("item") ? "(r" + i + ".results | default([]) | map(attribute='msg') | list)" : "[r" + i + ".msg]");
        }
        Path results = dir.resolve("ansible.json");
        play.append("    - copy: {dest: \"").append(results).append("\", content: \"{{ (")
                .append(String.join(" + ", registered)).append(") | to_json }}\"}\n");
        Files.writeString(dir.resolve("play.yml"), play.toString());
        RealAnsible.Result r = RealAnsible.run(dir, Map.of(), null, "ansible-playbook", "-i", "localhost,", "-c", "local",
                "-e", "ansible_python_interpreter=/usr/bin/python3", "play.yml");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        List<?> theirs = new com.fasterxml.jackson.databind.ObjectMapper().readValue(Files.readString(results), List.class);
        assertThat(ours).containsExactlyElementsOf(theirs.stream().map(String::valueOf).toList());
    }

    @Test
    void anUnknownWithLoopIsAValidationErrorWithASuggestion() throws Exception {
        Path book = Runs.write(dir, """
                runbook: loops
                steps:
                  s:
                    tasks:
                      - debug: {msg: "{{ item }}"}
                        with_dicts: {a: 1}
                """);
        assertThatValidation(book).contains("unknown loop 'with_dicts': no lookup 'dicts'").contains("with_dict");
        Path two = Runs.write(dir, """
                runbook: loops
                steps:
                  s:
                    tasks:
                      - debug: {msg: "{{ item }}"}
                        loop: [1]
                        with_items: [2]
                """);
        assertThatValidation(two).contains("a task has one loop, but this one has");
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertThatValidation(Path book) {
        java.io.StringWriter out = new java.io.StringWriter();
        int code = dev.runbook.cli.RunbookCommand.newCommandLine(new java.io.PrintWriter(out, true), new java.io.PrintWriter(out, true),
                dev.runbook.cli.Terminal.PLAIN).execute("validate", book.toString());
        assertThat(code).as(out.toString()).isEqualTo(4);
        return assertThat(out.toString());
    }
}
