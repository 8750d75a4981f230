package dev.runbook.cli;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.vault.Vault;
import dev.runbook.vault.VaultPasswords;
import dev.runbook.vault.VaultSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `runbook vault create|edit|rekey`, as ansible-vault does them. */
final class VaultEditCommands {
    private VaultEditCommands() {
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Write a new encrypted file with $EDITOR (default vi); the file must not exist yet.")
    static final class Create implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(arity = "1", paramLabel = "FILE") String file;
        @Option(names = "--encrypt-vault-id", paramLabel = "LABEL", description = "Which vault id's password encrypts.") String encryptId;
        @Mixin VaultOptions vault;

        Create(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws IOException {
            Path p = ctx.env().path(file);
            if (Files.isRegularFile(p)) {
                throw UserInputException.of(SourceSpan.of(file, 0, 0), file + " exists, please use 'edit' instead", "");
            }
            Vault v = vault.openForVaultCommand(ctx, VaultCommand.config(ctx), true);
            VaultSecret secret = v.encryptSecret(encryptId);
            if (p.getParent() != null && !Files.exists(p.getParent())) {
                ctx.err().println("[WARNING]: " + p.getParent() + " does not exist, creating...");
                ctx.err().flush();
                Files.createDirectories(p.getParent());
            }
            byte[] text = new VaultEditor(ctx).edit(new byte[0], p);
            VaultCommand.write(ctx, file, Vault.encryptWith(text, secret, secret.label()).getBytes(StandardCharsets.US_ASCII));
            return ExitCode.OK.code();
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true,
            description = "Edit encrypted files with $EDITOR (default vi); a changed file is encrypted again with the "
                    + "password and vault id it had.")
    static final class Edit implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(arity = "1..*", paramLabel = "FILE") List<String> files = new ArrayList<>();
        @Mixin VaultOptions vault;

        Edit(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws IOException {
            Vault v = vault.openForVaultCommand(ctx, VaultCommand.config(ctx), false);
            for (String f : files) {
                Path p = ctx.env().path(f).toRealPath();
                Vault.Opened opened = open(ctx, v, f, p);
                byte[] edited = new VaultEditor(ctx).edit(opened.plaintext(), p);
                if (!Arrays.equals(edited, opened.plaintext())) {
                    rewrite(p, Vault.encryptWith(edited, opened.secret(), opened.vaultId()));
                }
            }
            return ExitCode.OK.code();
        }
    }

    @Command(name = "rekey", mixinStandardHelpOptions = true,
            description = "Encrypt files again with a new password (--new-vault-password-file, --new-vault-id, or asked).")
    static final class Rekey implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(arity = "1..*", paramLabel = "FILE") List<String> files = new ArrayList<>();
        @Option(names = "--new-vault-password-file", paramLabel = "FILE", description = "The new password's file.")
        String newPasswordFile;
        @Option(names = "--new-vault-id", paramLabel = "[LABEL@]SOURCE", description = "The new password, labelled.")
        String newVaultId;
        @Option(names = "--encrypt-vault-id", paramLabel = "LABEL", description = "Which of the new passwords encrypts.")
        String encryptId;
        @Mixin VaultOptions vault;

        Rekey(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws IOException {
            Vault old = vault.openForVaultCommand(ctx, VaultCommand.config(ctx), false);
            VaultSecret secret = newSecret();
            for (String f : files) {
                Path p = ctx.env().path(f).toRealPath();
                Vault.Opened opened = open(ctx, old, f, p);
                rewrite(p, Vault.encryptWith(opened.plaintext(), secret, secret.label()));
            }
            ctx.err().println("Rekey successful");
            ctx.err().flush();
            return ExitCode.OK.code();
        }

        /** The new password: the new vault id's or file's, else asked twice ("New Vault password"). */
        private VaultSecret newSecret() {
            List<String> ids = new ArrayList<>();
            if (newVaultId != null) {
                int at = newVaultId.indexOf('@');
                String source = at < 0 ? newVaultId : newVaultId.substring(at + 1);
                ids.add(source.equals("prompt") ? newVaultId
                        : (at < 0 ? "" : newVaultId.substring(0, at + 1)) + ctx.env().path(source));
            }
            List<String> pwFiles = newPasswordFile == null ? List.of() : List.of(ctx.env().path(newPasswordFile).toString());
            boolean ask = ids.isEmpty() && pwFiles.isEmpty();
            List<VaultSecret> secrets = new VaultPasswords(ctx.env().prompter(), true).load(ids, pwFiles, ask);
            return Vault.of(secrets).encryptSecret(encryptId != null ? encryptId : secrets.size() > 1 ? secrets.get(0).label() : null);
        }
    }

    private static Vault.Opened open(CliContext ctx, Vault v, String name, Path p) {
        byte[] data = VaultCommand.read(ctx, p.toString());
        if (!dev.runbook.vault.VaultEnvelope.isEncrypted(data)) {
            throw UserInputException.of(SourceSpan.of(name, 0, 0), "this is not vault encrypted data", "");
        }
        return v.open(new String(data, StandardCharsets.US_ASCII), SourceSpan.of(name, 0, 0));
    }

    /** Replaces an existing file's content, keeping its permissions (as ansible-vault does). */
    private static void rewrite(Path p, String vaultText) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        Path tmp = Files.createTempFile(p.getParent(), ".runbook-vault", ".tmp");
        try {
            Files.writeString(tmp, vaultText, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(tmp, perms);
            Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
