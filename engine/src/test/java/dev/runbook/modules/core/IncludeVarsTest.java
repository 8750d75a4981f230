package dev.runbook.modules.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.RunbookCommand;
import dev.runbook.cli.Terminal;
import dev.runbook.testing.RealAnsible;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * include_vars in a runbook: files and directories, name, files_matching/ignore_files/depth, and
 * Ansible's precedence (above task vars, below set_fact). The same tasks run as an Ansible
 * playbook with ansible-playbook, so both engines must agree with every assertion.
 */
class IncludeVarsTest {
    @TempDir
    Path dir;

    static final String TASKS = """
            - include_vars: main.yml
            - assert: {that: ["app_port == 8080", "level == 'included'", "tuning.workers == 4"]}
            - name: include_vars is above task vars
              assert: {that: ["level == 'included'"]}
              vars: {level: task}
            - set_fact: {override: fact}
            - include_vars: {file: override.yml}
            - name: set_fact stays above include_vars
              assert: {that: ["override == 'fact'", "only_in_override == 'yes'"]}
            - include_vars: {dir: conf.d, name: conf, ignore_files: ['skip\\.yml'], extensions: [yml, json]}
            - assert: {that: ["conf.a == 1", "conf.b == 'json'", "conf.nested == 'deep'", "conf.z == 'last'", "conf.skipped is not defined"]}
            - include_vars: {dir: conf.d, name: shallow, depth: 1, files_matching: '^[ab]', ignore_unknown_extensions: true}
            - assert: {that: ["shallow.a == 1", "shallow.b == 'json'", "shallow.nested is not defined", "shallow.z == 'first'"]}
            - include_vars: {file: merge1.yml, name: m}
            - assert: {that: ["m.db.host == 'db1'"]}
            """;

    void files() throws Exception {
        Files.createDirectories(dir.resolve("vars"));
        Files.writeString(dir.resolve("vars/main.yml"), "app_port: 8080\nlevel: included\ntuning:\n  workers: 4\n");
        Files.writeString(dir.resolve("vars/override.yml"), "override: included\nonly_in_override: 'yes'\n");
        Files.writeString(dir.resolve("vars/merge1.yml"), "db: {host: db1}\n");
        Path conf = Files.createDirectories(dir.resolve("conf.d/sub"));
        Files.writeString(conf.resolve("../a.yml"), "a: 1\nz: first\n");
        Files.writeString(conf.resolve("../b.json"), "{\"b\": \"json\"}");
        Files.writeString(conf.resolve("../skip.yml"), "skipped: true\n");
        Files.writeString(conf.resolve("../notes.txt"), "not variables\n");
        Files.writeString(conf.resolve("nested.yml"), "nested: deep\nz: last\n");
    }

    @Test
    void runbookAndAnsiblePlaybookAgree() throws Exception {
        files();
        Files.delete(dir.resolve("conf.d/notes.txt"));
        Files.writeString(dir.resolve("book.yml"), "runbook: vars\nvars: {level: runbook}\nsteps:\n  load:\n    tasks:\n"
                + TASKS.indent(6));
        StringWriter out = new StringWriter();
        int code = RunbookCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(out, true), Terminal.PLAIN)
                .execute("apply", "--state-dir=" + dir.resolve(".state"), dir.resolve("book.yml").toString());
        assertThat(code).as(out.toString()).isZero();
        StringWriter plan = new StringWriter();
        int planned = RunbookCommand.newCommandLine(new PrintWriter(plan, true), new PrintWriter(plan, true), Terminal.PLAIN)
                .execute("plan", "--state-dir=" + dir.resolve(".state"), dir.resolve("book.yml").toString());
        assertThat(planned).as("include_vars runs in plans too: " + plan).isZero();

        Files.writeString(dir.resolve("play.yml"), "- hosts: localhost\n  gather_facts: false\n  vars: {level: play}\n  tasks:\n"
                + TASKS.indent(4));
        RealAnsible.Result r = RealAnsible.run(dir, Map.of(), null, "ansible-playbook", "-i", "localhost,", "-c", "local",
                "-e", "ansible_python_interpreter=/usr/bin/python3", "play.yml");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
    }

    @Test
    void anUnknownExtensionInADirectoryFailsUnlessIgnored() throws Exception {
        files();
        Files.writeString(dir.resolve("book.yml"), """
                runbook: vars
                steps:
                  load:
                    tasks:
                      - include_vars: {dir: conf.d}
                """);
        StringWriter out = new StringWriter();
        int code = RunbookCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(out, true), Terminal.PLAIN)
                .execute("apply", "--state-dir=" + dir.resolve(".state"), dir.resolve("book.yml").toString());
        assertThat(code).isNotZero();
        assertThat(out.toString()).contains("notes.txt does not have a valid extension: json, yaml, yml");
    }
}
