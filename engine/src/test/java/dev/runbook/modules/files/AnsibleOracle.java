package dev.runbook.modules.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.testing.RealAnsible;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real Ansible as the oracle for the text-editing modules: every case's file is edited by one
 * playbook run with {@code ansible-playbook -c local}, which reports each task's changed flag and
 * message. Tests compare runbook's bytes and flags with Ansible's, case by case.
 */
final class AnsibleOracle {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One edit: module, its arguments (without path), the file's content before (null: no file). */
    record Case(String module, Map<String, Object> args, String before) {
    }

    /** What Ansible left: the file's content (null: no file), changed, msg. */
    record Outcome(String after, boolean changed, String msg) {
    }

    private AnsibleOracle() {
    }

    /** Runs every case in one playbook; file {@code i} lives at {@code dir/ansible/case-i}. */
    @SuppressWarnings("unchecked")
    static List<Outcome> run(Path dir, List<Case> cases) throws IOException {
        Path files = Files.createDirectories(dir.resolve("ansible"));
        StringBuilder play = new StringBuilder("- hosts: localhost\n  gather_facts: false\n  tasks:\n");
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Path f = files.resolve("case-" + i);
            if (c.before() != null) {
                Files.writeString(f, c.before(), StandardCharsets.UTF_8);
            }
            Map<String, Object> args = new LinkedHashMap<>(c.args());
            args.put("path", f.toString());
            play.append("    - ").append(c.module()).append(": ").append(JSON.writeValueAsString(args)).append('\n')
                .append("      register: r").append(i).append('\n')
                .append("      ignore_errors: true\n");
            registered.add("{'c': r" + i + ".changed | default(false), 'm': r" + i + ".msg | default('')}");
        }
        Path results = dir.resolve("ansible-results.json");
        play.append("    - copy:\n        dest: ").append(JSON.writeValueAsString(results.toString())).append('\n')
            .append("        content: \"{{ [").append(String.join(", ", registered)).append("] | to_json }}\"\n");
        Files.writeString(dir.resolve("oracle.yml"), play.toString());
        RealAnsible.run(dir, Map.of(), null, "ansible-playbook", "-i", "localhost,", "-c", "local",
                "-e", "ansible_python_interpreter=/usr/bin/python3", "oracle.yml").requireOk();
        List<Map<String, Object>> flags = JSON.readValue(Files.readString(results), List.class);
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Path f = files.resolve("case-" + i);
            out.add(new Outcome(Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : null,
                    Boolean.TRUE.equals(flags.get(i).get("c")), String.valueOf(flags.get(i).get("m"))));
        }
        return out;
    }
}
