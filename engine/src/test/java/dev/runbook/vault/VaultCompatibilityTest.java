package dev.runbook.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.testing.RealAnsible;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our vault against the real ansible-vault (Debian's ansible-core), both ways. */
class VaultCompatibilityTest {
    private static final SourceSpan AT = SourceSpan.of("secrets.yml", 3, 7);

    @TempDir
    static Path dir;

    @BeforeAll
    static void passwords() throws Exception {
        Files.writeString(dir.resolve("pw-default"), "correct horse\n");
        Files.writeString(dir.resolve("pw-prod"), "  prod battery staple \n\n");
    }

    private static Vault vault(String... slugs) {
        return Vault.of(new VaultPasswords(null, false).load(List.of(slugs), List.of(), false));
    }

    @Test
    void decryptsWhatAnsibleVaultEncrypts() throws Exception {
        Path f = dir.resolve("plain-1.txt");
        Files.writeString(f, "db_password: s3cret-value\n");
        RealAnsible.run(dir, Map.of(), null, "ansible-vault", "encrypt", "--vault-password-file", "pw-default", f.toString())
                .requireOk();
        String text = Files.readString(f);
        assertThat(text).startsWith("$ANSIBLE_VAULT;1.1;AES256\n");
        assertThat(vault(dir.resolve("pw-default").toString()).reveal(text, AT)).isEqualTo("db_password: s3cret-value\n");
    }

    @Test
    void decryptsVaultIdLabelledTextTryingTheMatchingPasswordFirst() throws Exception {
        String out = RealAnsible.run(dir, Map.of(), null, "ansible-vault", "encrypt_string", "--vault-id", "prod@pw-prod",
                "--name", "token", "tok-3141").requireOk().out();
        assertThat(out).startsWith("token: !vault |\n          $ANSIBLE_VAULT;1.2;AES256;prod\n");
        String vaultText = out.substring(out.indexOf('$')).lines().map(String::strip).reduce("", (a, b) -> a + b + "\n");
        Vault v = vault(dir.resolve("pw-default").toString(), "prod@" + dir.resolve("pw-prod"));
        assertThat(v.reveal(vaultText, AT)).isEqualTo("tok-3141");
        assertThat(v.revealed()).containsExactly("tok-3141");
        // The label is only a hint: a password given under another label still decrypts.
        assertThat(vault("other@" + dir.resolve("pw-prod")).reveal(vaultText, AT)).isEqualTo("tok-3141");
    }

    @Test
    void ansibleVaultDecryptsWhatWeEncryptBinaryIncluded() throws Exception {
        byte[] data = new byte[777];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        for (String id : List.of("", "prod@")) {
            Vault v = vault(id + dir.resolve(id.isEmpty() ? "pw-default" : "pw-prod"));
            String text = v.encrypt(data, null);
            assertThat(text).startsWith(id.isEmpty() ? "$ANSIBLE_VAULT;1.1;AES256\n" : "$ANSIBLE_VAULT;1.2;AES256;prod\n");
            assertThat(text.lines().skip(1)).allMatch(l -> l.length() <= 80).allMatch(l -> l.matches("[0-9a-f]+"));
            Path enc = dir.resolve("ours-" + id.length() + ".vault");
            Files.writeString(enc, text);
            Path plain = dir.resolve("ours-" + id.length() + ".bin");
            RealAnsible.run(dir, Map.of(), null, "ansible-vault", "decrypt", "--vault-id",
                    (id.isEmpty() ? "pw-default" : "prod@pw-prod"), "--output", plain.toString(), enc.toString()).requireOk();
            assertThat(Files.readAllBytes(plain)).isEqualTo(data);
        }
    }

    /** With the same salt, ansible's own VaultLib produces exactly our bytes. */
    @Test
    void sameSaltSameBytesAsAnsible() throws Exception {
        byte[] salt = "0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
        String body = VaultCipher.encrypt("hello vault\n".getBytes(StandardCharsets.UTF_8),
                "correct horse".getBytes(StandardCharsets.UTF_8), salt);
        String ours = VaultEnvelope.format(body, "prod");
        String python = "import sys\nfrom ansible.parsing.vault import VaultLib, VaultSecret\n"
                + "v = VaultLib([('prod', VaultSecret(b'correct horse'))])\n"
                + "sys.stdout.write(v.encrypt(b'hello vault\\n', vault_id='prod', salt='" + new String(salt, StandardCharsets.US_ASCII)
                + "').decode())\n";
        String theirs = RealAnsible.run(dir, Map.of(), python, "python3", "-").requireOk().out();
        assertThat(ours).isEqualTo(theirs);
    }

    @Test
    void wrongPasswordNamesTheVaultIdAndNothingElse() throws Exception {
        String text = vault("prod@" + dir.resolve("pw-prod")).encrypt("x-secret-x".getBytes(StandardCharsets.UTF_8), null);
        assertThatThrownBy(() -> vault(dir.resolve("pw-default").toString()).reveal(text, AT))
                .isInstanceOf(UserInputException.class)
                .hasMessage("secrets.yml:3:7: error: cannot decrypt this (vault id 'prod'): no vault password given fits "
                        + "(tried vault ids: default) — check the password for vault id 'prod'");
        assertThatThrownBy(() -> Vault.none().reveal(text, AT)).hasMessageStartingWith(
                "secrets.yml:3:7: error: this is encrypted with Ansible Vault (vault id 'prod') and no vault password was given");
        assertThatThrownBy(() -> vault(dir.resolve("pw-prod").toString()).reveal(text.substring(0, text.length() - 5) + "zz\n", AT))
                .hasMessageContaining("secrets.yml:3:7: error: this Ansible Vault data is damaged");
    }

    @Test
    void executablePasswordFilesAreRunAndClientScriptsGetTheVaultId() throws Exception {
        Path script = dir.resolve("pass.sh");
        Files.writeString(script, "#!/bin/sh\necho 'correct horse'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path client = dir.resolve("vault-client.sh");
        Files.writeString(client, "#!/bin/sh\n[ \"$1 $2\" = '--vault-id prod' ] || { echo \"no $2\" >&2; exit 2; }\n"
                + "printf ' prod battery staple'\n");
        Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rwx------"));
        String text = vault(dir.resolve("pw-default").toString()).encrypt("abcd1234".getBytes(StandardCharsets.UTF_8), null);
        assertThat(vault(script.toString()).reveal(text, AT)).isEqualTo("abcd1234");
        String prodText = vault("prod@" + dir.resolve("pw-prod")).encrypt("wxyz".getBytes(StandardCharsets.UTF_8), null);
        // The client script's output keeps its leading space: only line ends are stripped from a script's password.
        assertThatThrownBy(() -> vault("prod@" + client).reveal(prodText, AT)).hasMessageContaining("no vault password given fits");
        assertThatThrownBy(() -> vault("dev@" + client)).hasMessageContaining(
                "the vault password client script found no password for vault id 'dev': no dev");
        assertThatThrownBy(() -> vault(dir.resolve("missing").toString())).hasMessageContaining(
                "the vault password file " + dir.resolve("missing") + " was not found");
    }
}
