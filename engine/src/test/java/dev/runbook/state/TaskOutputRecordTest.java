package dev.runbook.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's recorded output is the user's command output only: the internal probes file modules
 * send (stat, umask, protocol lines) are not recorded, a shell task's output is.
 */
class TaskOutputRecordTest {
    @TempDir
    Path dir;

    private Cli.Result cli(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--state-dir", dir.resolve("state").toString()));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void fileModulesRecordNoOutputWhileShellDoes() throws Exception {
        Files.writeString(dir.resolve("motd.txt"), "welcome\n");
        Files.writeString(dir.resolve("conf.j2"), "port={{ 8000 + 80 }}\n");
        Path rb = dir.resolve("files.yml");
        Files.writeString(rb, """
                runbook: files
                steps:
                  lay-out:
                    tasks:
                      - name: make dir
                        file: {path: DIR/site, state: directory, mode: "0755"}
                      - name: copy motd
                        copy: {src: motd.txt, dest: DIR/site/motd, mode: "0644"}
                      - name: render conf
                        template: {src: conf.j2, dest: DIR/site/app.conf}
                      - name: say hello
                        shell: echo hello from the shell
                """.replace("DIR", dir.toString()));
        Cli.Result applied = cli("apply", rb.toString());
        assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();
        assertThat(dir.resolve("site/app.conf")).hasContent("port=8080");
        String run = cli("runs").out().lines().skip(1).findFirst().orElseThrow().split(" ")[0];

        for (String task : List.of("make dir", "copy motd", "render conf")) {
            Cli.Result shown = cli("show", run, "--host", "localhost", "--task", task);
            assertThat(shown.exit()).as(shown.err()).isZero();
            assertThat(shown.out()).as(task).contains(task).doesNotContain("│").doesNotContainPattern("output \\(");
        }
        Cli.Result shell = cli("show", run, "--host", "localhost", "--task", "say hello");
        assertThat(shell.out()).contains("│ hello from the shell");
    }
}
