package dev.runbook.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.testing.OpenSshHosts;
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

    private static final String RUNBOOK = """
            runbook: files
            hosts: all
            steps:
              lay-out:
                tasks:
                  - name: make dir
                    file: {path: DIR/site, state: directory, mode: "0755"}
                  - name: copy motd
                    copy: {src: motd.txt, dest: DIR/site/motd, mode: "0644"}
                  - name: render conf
                    template: {src: conf.j2, dest: DIR/site/app.conf}
                  - name: as root
                    become: true
                    copy: {content: "root\\n", dest: DIR/site/root.txt}
                  - name: say hello
                    shell: echo hello from the shell; echo to stderr >&2
            """;

    @Test
    void fileModulesRecordNoOutputWhileShellDoes() throws Exception {
        Path work = dir.resolve("work");
        Files.createDirectories(work);
        Files.writeString(dir.resolve("hosts.ini"), "localhost ansible_connection=local\n");
        applyAndCheck(work, "localhost", "-i", dir.resolve("hosts.ini").toString());
    }

    @Test
    void overSshTooWithAndWithoutBecome() throws Exception {
        Path work = Files.createTempDirectory("runbook-output-");
        try (OpenSshHosts hosts = OpenSshHosts.start(1)) {
            exec("chown", "-R", OpenSshHosts.USER, work.toString());
            Files.writeString(dir.resolve("hosts.ini"), "web ansible_host=127.0.0.1 ansible_port=" + hosts.port(0)
                    + " ansible_user=" + OpenSshHosts.USER + " ansible_ssh_private_key_file=" + hosts.clientKey()
                    + " ansible_become_password=" + hosts.sudoPassword() + "\n");
            applyAndCheck(work, "web", "-i", dir.resolve("hosts.ini").toString(),
                    "--known-hosts", hosts.knownHosts().toString());
        } finally {
            exec("rm", "-rf", "--", work.toString());
        }
    }

    private void applyAndCheck(Path work, String host, String... target) throws Exception {
        Files.writeString(dir.resolve("motd.txt"), "welcome\n");
        Files.writeString(dir.resolve("conf.j2"), "port={{ 8000 + 80 }}\n");
        Path rb = dir.resolve("files.yml");
        Files.writeString(rb, RUNBOOK.replace("DIR", work.toString()));
        List<String> args = new java.util.ArrayList<>(List.of("apply", rb.toString()));
        args.addAll(List.of(target));
        Cli.Result applied = cli(args.toArray(String[]::new));
        assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();
        assertThat(work.resolve("site/app.conf")).hasContent("port=8080");
        assertThat(work.resolve("site/root.txt")).hasContent("root");
        String run = cli("runs").out().lines().skip(1).findFirst().orElseThrow().split(" ")[0];

        for (String task : List.of("make dir", "copy motd", "render conf", "as root")) {
            Cli.Result shown = cli("show", run, "--host", host, "--task", task);
            assertThat(shown.exit()).as(shown.err()).isZero();
            assertThat(shown.out()).as(task).contains(task).doesNotContain("\u2502");
        }
        Cli.Result shell = cli("show", run, "--host", host, "--task", "say hello");
        assertThat(shell.out()).contains("\u2502 hello from the shell").contains("\u2502 to stderr");
    }

    private static void exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed");
        }
    }
}
