package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.testing.RealAnsible;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `runbook vault` and the real ansible-vault read each other's output. */
class VaultCommandTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void passwords() throws Exception {
        Files.writeString(dir.resolve("pw"), "open sesame\n");
        Files.writeString(dir.resolve("pw-prod"), "prod-pass\n");
    }

    private static Cli.Result runbook(Map<String, String> env, String stdin, String... args) {
        return Cli.run(Cli.env(dir, env, stdin), args);
    }

    @Test
    void ansibleVaultDecryptsFilesWeEncryptInPlace() throws Exception {
        Files.writeString(dir.resolve("a.yml"), "password: hunter2-long\n");
        Cli.Result r = runbook(Map.of(), null, "vault", "encrypt", "--vault-password-file", "pw", "a.yml");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("a.yml"))).startsWith("$ANSIBLE_VAULT;1.1;AES256\n")
                .doesNotContain("hunter2");
        assertThat(Files.getPosixFilePermissions(dir.resolve("a.yml"))).isNotEmpty();
        String viewed = RealAnsible.run(dir, Map.of(), null, "ansible-vault", "view", "--vault-password-file", "pw", "a.yml")
                .requireOk().out();
        assertThat(viewed).isEqualTo("password: hunter2-long\n");
        Cli.Result again = runbook(Map.of(), null, "vault", "encrypt", "--vault-password-file", "pw", "a.yml");
        assertThat(again.exit()).isEqualTo(4);
        assertThat(again.err()).contains("a.yml: error: this is already encrypted");
    }

    @Test
    void weDecryptAndViewWhatAnsibleVaultEncryptsWithVaultIds() throws Exception {
        Files.writeString(dir.resolve("b.yml"), "token: t-0ken\n");
        RealAnsible.run(dir, Map.of(), null, "ansible-vault", "encrypt", "--vault-id", "prod@pw-prod", "b.yml").requireOk();
        assertThat(Files.readString(dir.resolve("b.yml"))).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n");
        Cli.Result view = runbook(Map.of(), null, "vault", "view", "--vault-id", "dev@pw", "--vault-id", "prod@pw-prod", "b.yml");
        assertThat(view.exit()).as(view.err()).isZero();
        assertThat(view.out()).isEqualTo("token: t-0ken\n");
        Cli.Result wrong = runbook(Map.of(), null, "vault", "view", "--vault-id", "dev@pw", "b.yml");
        assertThat(wrong.exit()).isEqualTo(4);
        assertThat(wrong.err()).contains("b.yml: error: cannot decrypt this (vault id 'prod'): no vault password given fits "
                + "(tried vault ids: dev)").doesNotContain("open sesame").doesNotContain("prod-pass");
        // ANSIBLE_VAULT_PASSWORD_FILE is read as Ansible reads it, and decrypt writes in place.
        Cli.Result dec = runbook(Map.of("ANSIBLE_VAULT_PASSWORD_FILE", dir.resolve("pw-prod").toString()), null,
                "vault", "decrypt", "b.yml");
        assertThat(dec.exit()).as(dec.err()).isZero();
        assertThat(Files.readString(dir.resolve("b.yml"))).isEqualTo("token: t-0ken\n");
    }

    @Test
    void encryptStringOutputIsWhatAnsibleReadsAsAVariable() throws Exception {
        Cli.Result r = runbook(Map.of(), null, "vault", "encrypt_string", "--vault-id", "prod@pw-prod", "--name", "db_pass",
                "s3cr3t value");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("db_pass: !vault |\n          $ANSIBLE_VAULT;1.2;AES256;prod\n          ")
                .doesNotEndWith("\n");
        Files.writeString(dir.resolve("vars.yml"), r.out() + "\nplain: x\n");
        String out = RealAnsible.run(dir, Map.of(), null, "ansible", "localhost", "-c", "local", "-m", "debug", "-a", "var=db_pass",
                "-e", "@vars.yml", "--vault-id", "prod@pw-prod").requireOk().out();
        assertThat(out).contains("\"db_pass\": \"s3cr3t value\"");
        // From standard input, with a name; and a value ansible-vault made is one we read back in -e @file.
        Cli.Result stdin = runbook(Map.of(), "from-stdin\n", "vault", "encrypt_string", "--vault-password-file", "pw",
                "--stdin-name", "x");
        assertThat(stdin.out()).startsWith("x: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n");
        String theirs = RealAnsible.run(dir, Map.of(), null, "ansible-vault", "encrypt_string", "--vault-password-file", "pw",
                "--name", "y", "from-ansible").requireOk().out();
        Files.writeString(dir.resolve("theirs.yml"), theirs);
        List<String> lines = new ArrayList<>(theirs.lines().toList());
        lines.remove(0);
        Files.writeString(dir.resolve("theirs.vault"), String.join("\n", lines.stream().map(String::strip).toList()) + "\n");
        Cli.Result view = runbook(Map.of(), null, "vault", "view", "--vault-password-file", "pw", "theirs.vault");
        assertThat(view.out()).isEqualTo("from-ansible");
    }

    @Test
    void passwordsAskedOnTheTerminalTwiceForANewOneOnceToRead() throws Exception {
        List<String> asked = new ArrayList<>();
        Environment env = new Environment(Map.of(), dir, new java.io.ByteArrayInputStream(new byte[0]), prompt -> {
            asked.add(prompt);
            return "typed-pass";
        });
        Cli.Result enc = Cli.run(env, "vault", "encrypt_string", "--name", "k", "v4lue");
        assertThat(enc.exit()).as(enc.err()).isZero();
        assertThat(asked).containsExactly("New Vault password: ", "Confirm New Vault password: ");
        Files.writeString(dir.resolve("typed.yml"), enc.out() + "\n");
        asked.clear();
        RealAnsible.Result theirs = RealAnsible.run(dir, Map.of(), "typed-pass\n", "ansible", "localhost", "-c", "local", "-m", "debug",
                "-a", "var=k", "-e", "@typed.yml", "--vault-id", "/bin/cat");
        assertThat(theirs.out()).contains("\"k\": \"v4lue\"");
        Path encrypted = dir.resolve("typed.txt");
        Files.writeString(encrypted, "typed secret\n");
        assertThat(Cli.run(env, "vault", "encrypt", "typed.txt").exit()).isZero();
        asked.clear();
        Cli.Result view = Cli.run(env, "vault", "view", "--ask-vault-pass", "typed.txt");
        assertThat(view.out()).isEqualTo("typed secret\n");
        assertThat(asked).containsExactly("Vault password: ");
        Cli.Result prompted = Cli.run(env, "vault", "view", "--vault-id", "prod@prompt", "typed.txt");
        assertThat(prompted.out()).isEqualTo("typed secret\n");
        Cli.Result noTerminal = runbook(Map.of(), null, "vault", "view", "--ask-vault-pass", "typed.txt");
        assertThat(noTerminal.exit()).isEqualTo(4);
        assertThat(noTerminal.err()).contains("asking for the vault password needs a terminal");
    }
}
