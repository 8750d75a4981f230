package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.testing.RealAnsible;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runbook vault create, edit and rekey against the real ansible-vault, both ways, with $EDITOR as ansible-vault runs it. */
class VaultEditTest {
    @TempDir
    Path dir;
    private Map<String, String> editorAppends;

    @BeforeEach
    void passwordsAndEditor() throws Exception {
        Files.writeString(dir.resolve("pw1"), "first-password\n");
        Files.writeString(dir.resolve("pw2"), "second-password\n");
        Path editor = dir.resolve("my editor.sh");
        Files.writeString(editor, "#!/bin/sh\n# $1 is an option, the file comes last\nfor f; do :; done\nprintf '%s\\n' \"$1\" >> \"$f\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        // quoted like a shell would, with an argument: shlex-split as ansible-vault splits EDITOR
        editorAppends = Map.of("EDITOR", "'" + editor + "' 'line: added'", "HOME", dir.toString());
    }

    private Cli.Result runbook(Map<String, String> env, String... args) {
        return Cli.run(Cli.env(dir, env, null), args);
    }

    private String ansibleView(String... args) {
        String[] argv = new String[args.length + 2];
        argv[0] = "ansible-vault";
        argv[1] = "view";
        System.arraycopy(args, 0, argv, 2, args.length);
        return RealAnsible.run(dir, Map.of(), null, argv).requireOk().out();
    }

    @Test
    void createWritesWhatTheEditorLeftEncryptedForTheOwnerOnly() throws Exception {
        Cli.Result r = runbook(editorAppends, "vault", "create", "--vault-password-file", "pw1", "new/secrets.yml");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("new does not exist, creating...");
        Path f = dir.resolve("new/secrets.yml");
        assertThat(Files.readString(f)).startsWith("$ANSIBLE_VAULT;1.1;AES256\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        assertThat(ansibleView("--vault-password-file", "pw1", "new/secrets.yml")).isEqualTo("line: added\n");
        Cli.Result again = runbook(editorAppends, "vault", "create", "--vault-password-file", "pw1", "new/secrets.yml");
        assertThat(again.exit()).isEqualTo(4);
        assertThat(again.err()).contains("new/secrets.yml exists, please use 'edit' instead");
        assertThat(dir.resolve("new").toFile().list()).containsExactly("secrets.yml");
    }

    @Test
    void editKeepsTheVaultIdAndPermissionsOfAFileAnsibleMade() throws Exception {
        Files.writeString(dir.resolve("app.yml"), "token: one\n");
        RealAnsible.run(dir, Map.of(), null, "ansible-vault", "encrypt", "--vault-id", "prod@pw2", "app.yml").requireOk();
        Files.setPosixFilePermissions(dir.resolve("app.yml"), PosixFilePermissions.fromString("rw-r-----"));
        Cli.Result r = runbook(editorAppends, "vault", "edit", "--vault-id", "prod@pw2", "app.yml");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("app.yml"))).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("app.yml")))).isEqualTo("rw-r-----");
        assertThat(ansibleView("--vault-id", "prod@pw2", "app.yml")).isEqualTo("token: one\nline: added\n");

        String before = Files.readString(dir.resolve("app.yml"));
        Cli.Result unchanged = runbook(Map.of("EDITOR", "true"), "vault", "edit", "--vault-id", "prod@pw2", "app.yml");
        assertThat(unchanged.exit()).as(unchanged.err()).isZero();
        assertThat(Files.readString(dir.resolve("app.yml"))).as("an unchanged file is not written again").isEqualTo(before);
        assertThat(dir.toFile().list()).noneMatch(n -> n.contains("runbook-vault"));

        Cli.Result wrong = runbook(editorAppends, "vault", "edit", "--vault-password-file", "pw1", "app.yml");
        assertThat(wrong.exit()).isEqualTo(4);
        assertThat(wrong.err()).contains("app.yml: error: cannot decrypt this (vault id 'prod')").doesNotContain("token");
    }

    @Test
    void rekeyBothWays() throws Exception {
        Files.writeString(dir.resolve("a.yml"), "a: 1\n");
        assertThat(runbook(Map.of(), "vault", "encrypt", "--vault-password-file", "pw1", "a.yml").exit()).isZero();
        Files.setPosixFilePermissions(dir.resolve("a.yml"), PosixFilePermissions.fromString("rw-r-----"));
        Cli.Result r = runbook(Map.of(), "vault", "rekey", "--vault-password-file", "pw1", "--new-vault-password-file", "pw2", "a.yml");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("Rekey successful");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a.yml")))).isEqualTo("rw-r-----");
        assertThat(ansibleView("--vault-password-file", "pw2", "a.yml")).isEqualTo("a: 1\n");
        assertThat(RealAnsible.run(dir, Map.of(), null, "ansible-vault", "view", "--vault-password-file", "pw1", "a.yml").exit())
                .isNotZero();

        Cli.Result labelled = runbook(Map.of(), "vault", "rekey", "--vault-password-file", "pw2", "--new-vault-id", "prod@pw1", "a.yml");
        assertThat(labelled.exit()).as(labelled.err()).isZero();
        assertThat(Files.readString(dir.resolve("a.yml"))).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n");
        assertThat(ansibleView("--vault-id", "prod@pw1", "a.yml")).isEqualTo("a: 1\n");

        RealAnsible.run(dir, Map.of(), null, "ansible-vault", "rekey", "--vault-id", "prod@pw1", "--new-vault-password-file", "pw2",
                "a.yml").requireOk();
        Cli.Result view = runbook(Map.of(), "vault", "view", "--vault-password-file", "pw2", "a.yml");
        assertThat(view.out()).isEqualTo("a: 1\n");
    }
}
