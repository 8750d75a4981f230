package dev.runbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Main;
import dev.runbook.connection.ShellQuote;
import dev.runbook.testing.OpenSshHosts;
import dev.runbook.testing.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An encrypted key with no RUNBOOK_SSH_PASSPHRASE: runbook asks on the terminal, as ssh does. */
@Timeout(180)
class KeyPassphrasePromptTest {
    @TempDir
    Path dir;

    @Test
    void asksForThePassphraseOnATerminal() throws Exception {
        try (OpenSshHosts hosts = OpenSshHosts.start(1)) {
            Path key = dir.resolve("id_locked");
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "open sesame", "-C", "locked", "-f", key.toString());
            Files.writeString(hosts.dir().resolve("authorized_keys"), Files.readString(dir.resolve("id_locked.pub")),
                    StandardOpenOption.APPEND);
            Files.writeString(dir.resolve("hosts.ini"), "box ansible_host=127.0.0.1 ansible_port=" + hosts.port(0)
                    + " ansible_user=" + OpenSshHosts.USER + " ansible_ssh_private_key_file=" + key + "\n");
            Files.writeString(dir.resolve("rb.yml"), "runbook: locked\nsteps:\n  s: {tasks: [{command: id -un}]}\n");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cmd = ShellQuote.join(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "apply", dir.resolve("rb.yml").toString(), "-i", dir.resolve("hosts.ini").toString(),
                    "--known-hosts", hosts.knownHosts().toString()));
            // script(1) gives the run a terminal; the passphrase is typed into it.
            ProcessBuilder pb = new ProcessBuilder("script", "-qec", cmd, "/dev/null").redirectErrorStream(true);
            pb.environment().remove("RUNBOOK_SSH_PASSPHRASE");
            pb.environment().remove("SSH_AUTH_SOCK");
            pb.environment().put("NO_COLOR", "1");
            pb.environment().put("HOME", dir.toString()); // no default keys of the machine's own
            Process p = pb.start();
            StringBuffer output = new StringBuffer();
            Thread reader = new Thread(() -> {
                try (var in = p.getInputStream()) {
                    byte[] buf = new byte[4096];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            reader.start();
            Ports.await("the passphrase prompt", Duration.ofSeconds(60),
                    () -> output.toString().contains("Enter passphrase for key"));
            p.getOutputStream().write("open sesame\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
            reader.join(120_000);
            String out = output.toString();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(out).contains("Enter passphrase for key");
            assertThat(out).doesNotContain("open sesame");
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("box  ok=0  changed=1  failed=0");
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }
}
