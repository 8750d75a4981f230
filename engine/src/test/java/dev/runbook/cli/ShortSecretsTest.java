package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A vault value shorter than four characters is masked too, where it stands alone, without eating into other words. */
class ShortSecretsTest {
    @TempDir
    Path dir;

    @Test
    void aThreeCharacterVaultValueNeverReachesTheOutput() throws Exception {
        Files.writeString(dir.resolve("pw"), "pass-word\n");
        Cli.Result enc = Cli.run(Cli.env(dir, Map.of(), null), "vault", "encrypt_string", "--vault-password-file",
                dir.resolve("pw").toString(), "--name", "pin", "q7x");
        assertThat(enc.exit()).as(enc.err()).isZero();
        Path rb = dir.resolve("rb.yml");
        Files.writeString(rb, """
                runbook: pins
                vars:
                  %s
                steps:
                  s:
                    tasks:
                      - debug: {msg: "pin is {{ pin }}, not aq7x or q7xy"}
                      - command: echo "pin={{ pin }};"
                      - copy: {content: "{{ pin }}\\n", dest: "%s"}
                """.formatted(enc.out().strip().replace("\n", "\n  "), dir.resolve("pin.txt")));
        Cli.Result r = Cli.run(Cli.env(dir, Map.of(), null), "apply", rb.toString(), "--vault-password-file",
                dir.resolve("pw").toString(), "-v", "--diff", "--state-dir", dir.resolve("st").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(Files.readString(dir.resolve("pin.txt"))).isEqualTo("q7x\n");
        assertThat(r.out()).contains("pin is ********, not aq7x or q7xy").contains("pin=********;")
                .doesNotContainPattern("(?<![a-z])q7x(?![a-z])");
    }
}
