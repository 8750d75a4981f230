package dev.runbook.cli;

import dev.runbook.config.AnsibleConfig;
import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.vault.Vault;
import dev.runbook.vault.VaultEnvelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `runbook vault`: ansible-vault's encrypt, decrypt, view and encrypt_string, in its formats. */
@Command(name = "vault", mixinStandardHelpOptions = true,
        description = "Encrypt and decrypt files and values the way ansible-vault does (AES256, format 1.1 or 1.2 "
                + "with a vault id); each reads the other's.",
        subcommands = {VaultCommand.Encrypt.class, VaultCommand.Decrypt.class, VaultCommand.View.class,
            VaultCommand.EncryptString.class, VaultEditCommands.Create.class, VaultEditCommands.Edit.class,
            VaultEditCommands.Rekey.class})
final class VaultCommand implements Callable<Integer> {
    private final CliContext ctx;

    VaultCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        throw UserInputException.of(SourceSpan.NONE, "say what to do: runbook vault create|edit|encrypt|decrypt|view|encrypt_string|rekey",
                "see runbook vault --help");
    }

    /** Reads a file ('-' is standard input). */
    static byte[] read(CliContext ctx, String name) {
        try {
            return name.equals("-") ? ctx.env().stdin().readAllBytes() : Files.readAllBytes(ctx.env().path(name));
        } catch (IOException e) {
            throw UserInputException.of(SourceSpan.of(name, 0, 0), "cannot read: " + e.getMessage(), "");
        }
    }

    /** Writes a file ('-' is standard output), new files readable by their owner only, as ansible-vault does. */
    static void write(CliContext ctx, String name, byte[] data) {
        if (name.equals("-")) {
            ctx.out().print(new String(data, StandardCharsets.UTF_8));
            ctx.out().flush();
            return;
        }
        Path p = ctx.env().path(name);
        try {
            if (!Files.exists(p)) {
                Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.write(p, data);
        } catch (IOException e) {
            throw UserInputException.of(SourceSpan.of(name, 0, 0), "cannot write: " + e.getMessage(), "");
        }
    }

    static AnsibleConfig config(CliContext ctx) {
        return AnsibleConfig.load(ctx.env().vars(), ctx.env().workDir());
    }

    @Command(name = "encrypt", mixinStandardHelpOptions = true,
            description = "Encrypt files in place (or to --output); no FILE or '-' reads standard input.")
    static final class Encrypt implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(arity = "0..*", paramLabel = "FILE") List<String> files = new ArrayList<>();
        @Option(names = "--output", paramLabel = "FILE", description = "Write here instead ('-': standard output).") String output;
        @Option(names = "--encrypt-vault-id", paramLabel = "LABEL", description = "Which vault id's password encrypts.") String encryptId;
        @Mixin VaultOptions vault;

        Encrypt(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Vault v = vault.openForVaultCommand(ctx, config(ctx), true);
            for (String f : files.isEmpty() ? List.of("-") : files) {
                byte[] data = read(ctx, f);
                if (VaultEnvelope.isEncrypted(data)) {
                    throw UserInputException.of(SourceSpan.of(f, 0, 0), "this is already encrypted", "");
                }
                write(ctx, output != null ? output : f, v.encrypt(data, encryptId).getBytes(StandardCharsets.US_ASCII));
            }
            return ExitCode.OK.code();
        }
    }

    @Command(name = "decrypt", mixinStandardHelpOptions = true,
            description = "Decrypt files in place (or to --output); no FILE or '-' reads standard input.")
    static final class Decrypt implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(arity = "0..*", paramLabel = "FILE") List<String> files = new ArrayList<>();
        @Option(names = "--output", paramLabel = "FILE", description = "Write here instead ('-': standard output).") String output;
        @Mixin VaultOptions vault;

        Decrypt(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Vault v = vault.openForVaultCommand(ctx, config(ctx), false);
            for (String f : files.isEmpty() ? List.of("-") : files) {
                write(ctx, output != null ? output : f, decrypt(ctx, v, f));
            }
            return ExitCode.OK.code();
        }
    }

    static byte[] decrypt(CliContext ctx, Vault v, String f) {
        byte[] data = read(ctx, f);
        if (!VaultEnvelope.isEncrypted(data)) {
            throw UserInputException.of(SourceSpan.of(f, 0, 0), "this is not vault encrypted data", "");
        }
        return v.decrypt(new String(data, StandardCharsets.US_ASCII), SourceSpan.of(f, 0, 0));
    }

    @Command(name = "view", mixinStandardHelpOptions = true, description = "Print the decrypted content of files.")
    static final class View implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(arity = "1..*", paramLabel = "FILE") List<String> files = new ArrayList<>();
        @Mixin VaultOptions vault;

        View(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Vault v = vault.openForVaultCommand(ctx, config(ctx), false);
            for (String f : files) {
                write(ctx, "-", decrypt(ctx, v, f));
            }
            return ExitCode.OK.code();
        }
    }

    @Command(name = "encrypt_string", aliases = "encrypt-string", mixinStandardHelpOptions = true,
            description = "Encrypt values for pasting into YAML as '!vault |' blocks; no STRING or '-' reads standard input.")
    static final class EncryptString implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(arity = "0..*", paramLabel = "STRING") List<String> strings = new ArrayList<>();
        @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Variable name for each STRING, in order.")
        List<String> names = new ArrayList<>();
        @Option(names = "--stdin-name", paramLabel = "NAME", description = "Variable name for the value read from standard input.")
        String stdinName;
        @Option(names = "--encrypt-vault-id", paramLabel = "LABEL", description = "Which vault id's password encrypts.") String encryptId;
        @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of standard output.") String output;
        @Mixin VaultOptions vault;

        EncryptString(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Vault v = vault.openForVaultCommand(ctx, config(ctx), true);
            List<String[]> items = new ArrayList<>(); // {name or null, plaintext}
            List<String> args = strings.stream().filter(s -> !s.equals("-")).toList();
            if (strings.contains("-") || strings.isEmpty() || stdinName != null) {
                String in = new String(read(ctx, "-"), StandardCharsets.UTF_8);
                if (in.isEmpty()) {
                    throw UserInputException.of(SourceSpan.NONE, "standard input was empty, not encrypting", "");
                }
                items.add(new String[] {stdinName, in});
            }
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).isEmpty()) {
                    throw UserInputException.of(SourceSpan.NONE, "an empty string was given, not encrypting", "");
                }
                items.add(new String[] {i < names.size() ? names.get(i) : null, args.get(i)});
            }
            List<String> blocks = new ArrayList<>();
            for (String[] item : items) {
                String text = v.encrypt(item[1].getBytes(StandardCharsets.UTF_8), encryptId);
                StringBuilder b = new StringBuilder(item[0] == null ? "" : item[0] + ": ").append("!vault |");
                text.lines().forEach(l -> b.append('\n').append(" ".repeat(10)).append(l));
                blocks.add(b.toString());
            }
            // ansible-vault writes the blocks joined by newlines and no newline at the end.
            write(ctx, output == null ? "-" : output, String.join("\n", blocks).getBytes(StandardCharsets.UTF_8));
            return ExitCode.OK.code();
        }
    }
}
