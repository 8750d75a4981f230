package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.testing.RealAnsible;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose secrets all come from ansible-vault: an encrypted group_vars file, inline !vault
 * values in group_vars and in the runbook (vault ids default and prod), an encrypted -e @file.
 * The values reach the host; no output shows them.
 */
class VaultRunTest {
    private static final List<String> PLAINTEXTS = List.of("whole-file-secret", "inline-prod-token", "runbook-var-secret",
            "extra-file-secret", "PRIVATE-KEY-MATERIAL", "secret-template-line");

    @TempDir
    static Path dir;

    @BeforeAll
    static void project() throws Exception {
        Files.writeString(dir.resolve("pw"), "default-pass\n");
        Files.writeString(dir.resolve("pw-prod"), "prod-pass\n");
        Path gv = Files.createDirectories(dir.resolve("inv/group_vars/all"));
        Files.writeString(dir.resolve("inv/hosts"), "[local]\nlocalhost ansible_connection=local\n");
        Files.writeString(gv.resolve("vault.yml"), "db_password: whole-file-secret\n");
        ansibleVault("encrypt", "--vault-password-file", "pw", "inv/group_vars/all/vault.yml");
        Files.writeString(gv.resolve("main.yml"), ansibleVault("encrypt_string", "--vault-id", "prod@pw-prod", "--name", "api_token",
                "inline-prod-token") + "\nport: 8080\n");
        String inline = ansibleVault("encrypt_string", "--vault-password-file", "pw", "--name", "runbook_secret", "runbook-var-secret");
        Files.createDirectories(dir.resolve("files"));
        Files.writeString(dir.resolve("files/key.pem"), "PRIVATE-KEY-MATERIAL\n");
        ansibleVault("encrypt", "--vault-password-file", "pw", "files/key.pem");
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/app.conf.j2"), "listen {{ port }}\nsecret-template-line\n");
        ansibleVault("encrypt", "--vault-id", "prod@pw-prod", "templates/app.conf.j2");
        Files.writeString(dir.resolve("extra.yml"), "extra_secret: extra-file-secret\n");
        ansibleVault("encrypt", "--vault-id", "prod@pw-prod", "extra.yml");
        Files.writeString(dir.resolve("site.yml"), """
                runbook: vaulted
                hosts: local
                vars:
                  %s
                  out: %s
                steps:
                  write:
                    tasks:
                      - name: Write the secrets where they belong
                        copy:
                          content: "{{ db_password }} {{ api_token }} {{ runbook_secret }} {{ extra_secret }} {{ port }}\\n"
                          dest: "{{ out }}"
                      - name: Copy an encrypted file
                        copy:
                          src: files/key.pem
                          dest: "{{ out }}.pem"
                      - name: Render an encrypted template
                        template:
                          src: templates/app.conf.j2
                          dest: "{{ out }}.conf"
                      - name: Say one
                        debug:
                          msg: "token is {{ api_token }}"
                      - name: Echo one
                        command: echo {{ db_password }}
                """.formatted(inline.replace("\n", "\n  "), dir.resolve("out.txt")));
    }

    private static String ansibleVault(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "ansible-vault";
        System.arraycopy(args, 0, argv, 1, args.length);
        return RealAnsible.run(dir, Map.of(), null, argv).requireOk().out();
    }

    private static String site() {
        return dir.resolve("site.yml").toString();
    }

    private static Cli.Result runbook(String... args) {
        return Cli.run(Cli.env(dir, Map.of(), null), args);
    }

    @Test
    void secretsReachTheHostAndNeverTheOutput() throws Exception {
        for (String output : List.of("text", "json")) {
            Cli.Result plan = runbook("plan", site(), "-i", "inv", "--vault-id", "prod@pw-prod", "--vault-password-file", "pw",
                    "-e", "@extra.yml", "--diff", "--output", output);
            assertThat(plan.exit()).as(plan.err()).isIn(0);
            PLAINTEXTS.forEach(p -> assertThat(plan.out() + plan.err()).doesNotContain(p));
            assertThat(plan.out()).contains("********");
        }
        Cli.Result r = runbook("apply", site(), "-i", "inv", "--vault-id", "prod@pw-prod", "--vault-password-file", "pw",
                "-e", "@extra.yml", "-v", "--diff");
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        assertThat(Files.readString(dir.resolve("out.txt")))
                .isEqualTo("whole-file-secret inline-prod-token runbook-var-secret extra-file-secret 8080\n");
        assertThat(Files.readString(dir.resolve("out.txt.pem"))).isEqualTo("PRIVATE-KEY-MATERIAL\n");
        assertThat(Files.readString(dir.resolve("out.txt.conf"))).isEqualTo("listen 8080\nsecret-template-line\n");
        PLAINTEXTS.forEach(p -> assertThat(r.out() + r.err()).doesNotContain(p));
        assertThat(r.out()).contains("token is ********");
    }

    @Test
    void aWrongPasswordNamesTheFileAndTheVaultIdAndNothingRuns() throws Exception {
        Files.deleteIfExists(dir.resolve("out-wrong.txt"));
        Cli.Result r = runbook("apply", site(), "-i", "inv", "--vault-id", "prod@pw", "--vault-password-file", "pw",
                "-e", "@extra.yml");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains(dir.resolve("inv/group_vars/all/main.yml") + ":1:12: error: cannot decrypt this "
                + "(vault id 'prod'): no vault password given fits (tried vault ids: prod, default)");
        assertThat(r.err()).doesNotContain("default-pass").doesNotContain("prod-pass").contains("nothing was run");
        Cli.Result noPassword = runbook("apply", site(), "-i", "inv");
        assertThat(noPassword.exit()).isEqualTo(4);
        assertThat(noPassword.err()).contains(site() + ":4:19: error: this is encrypted with Ansible Vault (vault id 'default') "
                + "and no vault password was given");
        // validate and graph need no password: they never use values.
        assertThat(runbook("validate", site()).exit()).isZero();
    }

    @Test
    void inventoryListShowsInlineValuesEncryptedAndMasksDecryptedFiles() {
        Cli.Result ours = runbook("inventory", "--list", "-i", "inv", "--vault-password-file", "pw");
        assertThat(ours.exit()).as(ours.err()).isZero();
        String theirs = RealAnsible.run(dir, Map.of(), null, "ansible-inventory", "--list", "-i", "inv",
                "--vault-password-file", "pw").requireOk().out();
        assertThat(theirs).contains("\"db_password\": \"whole-file-secret\"").contains("__ansible_vault");
        assertThat(ours.out()).isEqualTo(theirs.replace("\"whole-file-secret\"", "\"********\""));
    }

    @Test
    void aWholeEncryptedInventoryAndHostVarsFileAreReadLikeAnsibleReadsThem() throws Exception {
        Path inv = Files.createDirectories(dir.resolve("enc-inv/host_vars"));
        Files.writeString(dir.resolve("enc-inv/hosts.yml"), "all:\n  children:\n    app:\n      hosts:\n        h1:\n          port: 22\n");
        Files.writeString(inv.resolve("h1.yml"), "secret_note: host-file-secret\nlevel: 3\n");
        ansibleVault("encrypt", "--vault-password-file", "pw", "enc-inv/hosts.yml", "enc-inv/host_vars/h1.yml");
        String theirs = RealAnsible.run(dir, Map.of(), null, "ansible-inventory", "--list", "-i", "enc-inv",
                "--vault-password-file", "pw").requireOk().out();
        Cli.Result ours = runbook("inventory", "--list", "-i", "enc-inv", "--vault-password-file", "pw");
        assertThat(ours.exit()).as(ours.err()).isZero();
        assertThat(theirs).contains("\"secret_note\": \"host-file-secret\"");
        assertThat(ours.out()).isEqualTo(theirs.replace("\"host-file-secret\"", "\"********\""));
    }
}
