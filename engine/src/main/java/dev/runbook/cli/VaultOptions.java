package dev.runbook.cli;

import dev.runbook.vault.Vault;
import dev.runbook.vault.VaultPasswords;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where vault passwords come from, as in Ansible: {@code --vault-id}, {@code --vault-password-file},
 * {@code --ask-vault-pass}, and the defaults ANSIBLE_VAULT_IDENTITY_LIST and
 * ANSIBLE_VAULT_PASSWORD_FILE (or ansible.cfg's vault_identity_list and vault_password_file).
 */
final class VaultOptions {
    @Option(names = "--vault-id", paramLabel = "[LABEL@]SOURCE",
            description = "A vault password: LABEL@FILE, LABEL@prompt or FILE (label 'default'). An executable FILE is run "
                    + "and its output used. Repeatable.")
    List<String> vaultIds = new ArrayList<>();

    @Option(names = {"--vault-password-file", "--vault-pass-file"}, paramLabel = "FILE",
            description = "A file holding the vault password (an executable file is run). Repeatable.")
    List<String> passwordFiles = new ArrayList<>();

    @Option(names = {"-J", "--ask-vault-pass", "--ask-vault-password"}, description = "Ask for the vault password.")
    boolean ask;

    /** Passwords for reading; none at all gives a vault that explains how to give one when needed. */
    Vault open(CliContext ctx, dev.runbook.config.AnsibleConfig settings) {
        return Vault.of(passwords(ctx, settings, false, false));
    }

    /**
     * Passwords for {@code runbook vault}: {@code confirm} asks twice (a new password), and with
     * no source at all the password is asked for on the terminal, as ansible-vault does.
     */
    Vault openForVaultCommand(CliContext ctx, dev.runbook.config.AnsibleConfig settings, boolean confirm) {
        return Vault.of(passwords(ctx, settings, confirm, true));
    }

    private List<dev.runbook.vault.VaultSecret> passwords(CliContext ctx, dev.runbook.config.AnsibleConfig settings, boolean confirm,
            boolean autoPrompt) {
        List<String> ids = new ArrayList<>();
        String identities = settings.value("vault_identity_list");
        if (identities != null) {
            Arrays.stream(identities.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(ids::add);
        }
        ids.addAll(vaultIds);
        List<String> files = new ArrayList<>(passwordFiles);
        String defaultFile = settings.value("vault_password_file");
        if (defaultFile != null) {
            files.add(defaultFile);
        }
        ids.replaceAll(slug -> absolute(ctx, slug));
        files.replaceAll(f -> ctx.env().path(f).toString());
        boolean prompt = ask || Boolean.TRUE.equals(settings.bool("ask_vault_pass")) || (autoPrompt && ids.isEmpty() && files.isEmpty());
        return new VaultPasswords(ctx.env().prompter(), confirm).load(ids, files, prompt);
    }

    /** LABEL@FILE with FILE relative to the working directory; prompt stays prompt. */
    private static String absolute(CliContext ctx, String slug) {
        int at = slug.indexOf('@');
        String label = at < 0 ? "" : slug.substring(0, at + 1);
        String source = at < 0 ? slug : slug.substring(at + 1);
        return source.equals("prompt") || source.isEmpty() ? slug : label + ctx.env().path(source);
    }
}
