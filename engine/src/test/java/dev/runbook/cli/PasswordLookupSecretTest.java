package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The password lookup's values are secrets, and a plan makes no password file. */
class PasswordLookupSecretTest {
    @TempDir
    Path dir;

    private Path runbook() throws Exception {
        Path rb = dir.resolve("rb.yml");
        Files.writeString(rb, """
                runbook: pw
                hosts: localhost
                steps:
                  s:
                    tasks:
                      - name: stored
                        debug: {msg: "db password is {{ lookup('password', 'creds/db') }}"}
                      - name: made
                        debug: {msg: "{{ lookup('password', 'creds/new/app length=24') }}"}
                      - name: fresh
                        debug: {msg: "{{ lookup('password', '/dev/null length=30') }}"}
                      - set_fact:
                          kept: "{{ lookup('password', 'creds/db') }}"
                      - name: registered
                        command: echo {{ kept }}
                        register: echoed
                      - debug: {var: echoed.stdout}
                """);
        Files.createDirectories(dir.resolve("creds"));
        Files.writeString(dir.resolve("creds/db"), "Db-Secret-2024 salt=abcdefgh\n");
        return rb;
    }

    @Test
    void valuesAreMaskedInOutputAndJournal() throws Exception {
        Path rb = runbook();
        Path state = dir.resolve("st");
        Cli.Result r = Cli.run(Cli.env(dir, Map.of("HOME", dir.toString()), ""), "apply", rb.toString(), "--state-dir",
                state.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        String made = Files.readString(dir.resolve("creds/new/app")).strip();
        assertThat(made).hasSize(24);
        assertThat(r.out() + r.err()).contains("db password is ********").doesNotContain("Db-Secret-2024").doesNotContain(made);
        assertThat(r.out()).contains("********");
        try (Stream<Path> files = Files.walk(state)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f);
                assertThat(text).as(f.toString()).doesNotContain("Db-Secret-2024").doesNotContain(made);
            }
        }
    }

    @Test
    void aPlanMakesNoPasswordFileAndKnowsOnlyStoredOnes() throws Exception {
        Path rb = runbook();
        Cli.Result r = Cli.run(Cli.env(dir, Map.of("HOME", dir.toString()), ""), "plan", rb.toString(), "--state-dir",
                dir.resolve("st").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isIn(0, 2);
        assertThat(Files.exists(dir.resolve("creds/new"))).as("a plan writes no password file").isFalse();
        assertThat(r.out()).contains("db password is ********").doesNotContain("Db-Secret-2024")
                .contains("lookup('password', 'creds/new/app')").contains("known only when applying");
    }
}
