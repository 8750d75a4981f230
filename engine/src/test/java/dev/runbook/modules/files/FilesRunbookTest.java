package dev.runbook.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.RunbookCommand;
import dev.runbook.cli.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file modules in a real runbook through the CLI: YAML's unquoted modes, Jinja2 templates,
 * registered stat results, plan after apply showing nothing to do.
 */
class FilesRunbookTest {
    @TempDir
    Path dir;

    record Run(int code, String out) {
    }

    Run runbook(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RunbookCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true), Terminal.PLAIN)
                .execute(args);
        return new Run(code, out + "\n" + err);
    }

    @Test
    void applyThenPlanShowsNothingLeftToDo() throws Exception {
        Path host = dir.resolve("host");
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/app.conf.j2"), "name={{ app }}\n{% for p in ports %}port={{ p }}\n{% endfor %}");
        Files.writeString(dir.resolve("book.yml"), """
                runbook: files
                vars:
                  root: %s
                  app: shop
                  ports: [80, 443]
                steps:
                  files:
                    tasks:
                      - file: {path: "{{ root }}/etc", state: directory, mode: 0750}
                      - template: {src: templates/app.conf.j2, dest: "{{ root }}/etc/app.conf", mode: 0640}
                      - blockinfile: {path: "{{ root }}/etc/hosts", create: true, block: "10.0.0.1 db"}
                      - lineinfile: {path: "{{ root }}/etc/hosts", line: "127.0.0.1 localhost", insertbefore: BOF}
                      - copy: {content: "hello\\n", dest: "{{ root }}/etc/motd", mode: 644}
                      - stat: {path: "{{ root }}/etc/motd"}
                        register: motd
                      - assert:
                          that: ["motd.stat.mode == '0644'", "motd.stat.size == 6"]
                """.formatted(host));
        String book = dir.resolve("book.yml").toString();
        String state = "--state-dir=" + dir.resolve(".state");
        Run first = runbook("apply", state, book);
        assertThat(first.code()).as(first.out()).isZero();
        assertThat(Files.readString(host.resolve("etc/app.conf"))).isEqualTo("name=shop\nport=80\nport=443\n");
        assertThat(Files.readString(host.resolve("etc/hosts"))).isEqualTo("127.0.0.1 localhost\n"
                + "# BEGIN ANSIBLE MANAGED BLOCK\n10.0.0.1 db\n# END ANSIBLE MANAGED BLOCK\n");
        assertThat(FilesTesting.mode(host.resolve("etc"))).isEqualTo("0750");
        assertThat(FilesTesting.mode(host.resolve("etc/app.conf"))).isEqualTo("0640");
        String before = FilesTesting.fingerprint(host);
        Run plan = runbook("plan", state, book);
        assertThat(plan.code()).as(plan.out()).isZero();
        assertThat(plan.out()).as(plan.out()).doesNotContainPattern("(?m)^[+~?-] ");
        assertThat(FilesTesting.fingerprint(host)).isEqualTo(before);
        Run second = runbook("apply", state, book);
        assertThat(second.code()).as(second.out()).isZero();
        assertThat(second.out()).contains("changed=0");
    }
}
