package dev.runbook.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.testing.RealAnsible;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `runbook import` against the real ansible-playbook: the playbook of
 * {@code src/test/resources/playbook-import/site} (several plays, import_playbook, vars_files,
 * pre_tasks/post_tasks with handlers flushed between them, a role with a parameter and a handler,
 * a rescued block, play keywords without equivalent) is run by ansible-playbook and, imported,
 * by runbook; both must write the same files.
 */
class PlaybookImportTest {
    @TempDir
    Path dir;

    @Test
    void theImportedRunbookValidatesAndWritesWhatAnsibleWrites() throws Exception {
        Path project = copy(Path.of("src/test/resources/playbook-import/site"), dir.resolve("site"));
        Cli.Result imported = Cli.run(Cli.env(project, Map.of("HOME", dir.resolve("home").toString()), ""),
                "import", "play.yml");
        assertThat(imported.exit()).as(imported.err()).isZero();
        String text = imported.out();
        assertThat(text).contains("needs: [prepare-the-host]", "`tags` (play) has no runbook equivalent",
                "`environment` (play) has no runbook equivalent", "- include_vars:", "- meta: flush_handlers",
                "the plays' `serial` differ");
        Files.writeString(project.resolve("runbook.yml"), text);

        Cli.Result valid = Cli.run(Cli.env(project, Map.of("HOME", dir.resolve("home").toString()), ""),
                "validate", project.resolve("runbook.yml").toString());
        assertThat(valid.exit()).as(text + valid.out() + valid.err()).isZero();

        Path theirs = Files.createDirectories(dir.resolve("ansible-out"));
        RealAnsible.run(project, Map.of(), null, "ansible-playbook", "-i", "localhost,", "-c", "local", "play.yml",
                "-e", "out=" + theirs).requireOk();
        Path ours = Files.createDirectories(dir.resolve("runbook-out"));
        Cli.Result r = Cli.run(Cli.env(project, Map.of("HOME", dir.resolve("home").toString()), ""), "apply",
                project.resolve("runbook.yml").toString(), "-e", "out=" + ours, "--state-dir", dir.resolve("state").toString());
        assertThat(r.exit()).as(text + r.out() + r.err()).isZero();
        assertThat(tree(ours)).as(text).isEqualTo(tree(theirs));
        assertThat(Files.readString(ours.resolve("order.log"))).isEqualTo(
                "pre hello shared\nhandler\nrole 8080\nrescued\nweb restarted\nhandler\npost\nhandler\n");
    }

    @Test
    void aFileThatIsNotAPlaybookIsOneMessageWithItsPosition() throws Exception {
        Files.writeString(dir.resolve("vars.yml"), "a: 1\nb: 2\n");
        Cli.Result r = Cli.run(Cli.env(dir, Map.of(), ""), "import", "vars.yml");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("vars.yml:1:1", "not a playbook").doesNotContain("Exception");

        Files.writeString(dir.resolve("broken.yml"), "- hosts: all\n  tasks: [\n");
        Cli.Result y = Cli.run(Cli.env(dir, Map.of(), ""), "import", "broken.yml");
        assertThat(y.exit()).isEqualTo(4);
        assertThat(y.err()).contains("broken.yml:3:1", "invalid YAML").doesNotContain("Exception");

        Files.writeString(dir.resolve("noplay.yml"), "- name: x\n  tasks: []\n");
        Cli.Result n = Cli.run(Cli.env(dir, Map.of(), ""), "import", "noplay.yml");
        assertThat(n.exit()).isEqualTo(4);
        assertThat(n.err()).contains("noplay.yml:1:3", "needs `hosts:`");
    }

    @Test
    void playsOnOtherHostsKeepToTheirHosts() throws Exception {
        Files.writeString(dir.resolve("site.yml"), """
                - name: Web
                  hosts: web
                  gather_facts: false
                  tasks:
                    - copy: {content: "web\\n", dest: "{{ out }}/web.txt"}
                - name: Databases
                  hosts: db
                  gather_facts: false
                  any_errors_fatal: true
                  timeout: 30
                  tasks:
                    - copy: {content: "db\\n", dest: "{{ out }}/db.txt"}
                """);
        Files.writeString(dir.resolve("inv"), "[web]\nlocalhost ansible_connection=local\n[db]\n");
        Cli.Result imported = Cli.run(Cli.env(dir, Map.of(), ""), "import", dir.resolve("site.yml").toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("hosts: \"web:db\"", "max_fail_percentage: 0", "timeout: 30");
        Files.writeString(dir.resolve("runbook.yml"), imported.out());
        Path out = Files.createDirectories(dir.resolve("out"));
        Cli.Result r = Cli.run(Cli.env(dir, Map.of("HOME", dir.resolve("home").toString()), ""), "apply",
                dir.resolve("runbook.yml").toString(), "-i", dir.resolve("inv").toString(), "-e", "out=" + out,
                "--state-dir", dir.resolve("state").toString());
        assertThat(r.exit()).as(imported.out() + r.out() + r.err()).isZero();
        assertThat(out.resolve("web.txt")).hasContent("web");
        assertThat(out.resolve("db.txt")).doesNotExist();
    }

    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> !p.equals(root)).toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                String content = Files.isRegularFile(p) ? Files.readString(p).replace(root.toString(), "OUT") : "(directory)";
                out.put(root.relativize(p).toString(), mode + "\n" + content);
            }
        }
        return out;
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
