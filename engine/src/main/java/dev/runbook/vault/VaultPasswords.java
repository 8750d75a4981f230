package dev.runbook.vault;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Where vault passwords come from, in Ansible's order: each {@code --vault-id [LABEL@]SOURCE}
 * (SOURCE a file, an executable script, or "prompt"), then each password file labelled
 * "default" ({@code --vault-password-file}, {@code ANSIBLE_VAULT_PASSWORD_FILE}), then
 * {@code --ask-vault-pass}. A file's password is its content stripped of whitespace; an
 * executable file is run and its standard output (trailing newline removed) is the password; a
 * script named {@code *-client} (or {@code *-client.EXT}) gets {@code --vault-id LABEL}.
 */
public final class VaultPasswords {
    /** Asks on a terminal; null when there is none. */
    public interface Prompter {
        String ask(String prompt);
    }

    private final Prompter prompter;
    private final boolean confirm;

    /** {@code confirm}: asking for a new password (to encrypt), so ask twice. */
    public VaultPasswords(Prompter prompter, boolean confirm) {
        this.prompter = prompter;
        this.confirm = confirm;
    }

    public List<VaultSecret> load(List<String> vaultIds, List<String> passwordFiles, boolean ask) {
        List<VaultSecret> out = new ArrayList<>();
        for (String slug : vaultIds) {
            int at = slug.indexOf('@');
            String label = at < 0 ? VaultEnvelope.DEFAULT_ID : slug.substring(0, at);
            String source = at < 0 ? slug : slug.substring(at + 1);
            if (label.isEmpty() || source.isEmpty()) {
                throw UserInputException.of(SourceSpan.NONE, "--vault-id '" + slug + "' is not LABEL@SOURCE",
                        "write --vault-id prod@passwords/prod.txt, --vault-id prod@prompt or --vault-id FILE");
            }
            out.add(source.equals("prompt") ? prompt(label, "Vault password (" + label + "): ") : file(label, source));
        }
        for (String f : passwordFiles) {
            out.add(file(VaultEnvelope.DEFAULT_ID, f));
        }
        if (ask) {
            out.add(prompt(VaultEnvelope.DEFAULT_ID, confirm ? "New Vault password: " : "Vault password: "));
        }
        return out;
    }

    private VaultSecret prompt(String label, String text) {
        String first = prompter == null ? null : prompter.ask(text);
        if (first == null) {
            throw UserInputException.of(SourceSpan.NONE, "asking for the vault password needs a terminal",
                    "give it with --vault-password-file FILE or --vault-id " + label + "@FILE instead");
        }
        if (confirm) {
            String again = prompter.ask(text.startsWith("New Vault") ? "Confirm New Vault password: "
                    : "Confirm " + Character.toLowerCase(text.charAt(0)) + text.substring(1));
            if (!first.equals(again)) {
                throw UserInputException.of(SourceSpan.NONE, "the vault passwords given do not match", "");
            }
        }
        String pw = first.strip();
        if (pw.isEmpty()) {
            throw UserInputException.of(SourceSpan.NONE, "the vault password given at the prompt is empty", "");
        }
        return new VaultSecret(label, pw.getBytes(java.nio.charset.StandardCharsets.UTF_8), "prompt");
    }

    private static VaultSecret file(String label, String name) {
        Path p = Path.of(name);
        SourceSpan at = SourceSpan.of(name, 0, 0);
        if (!Files.exists(p)) {
            throw UserInputException.of(at, "the vault password file " + name + " was not found", "");
        }
        byte[] pw;
        if (executable(p)) {
            pw = stripLineEnds(run(p, label, at));
        } else {
            try {
                pw = stripLineEnds(stripWhitespace(Files.readAllBytes(p)));
            } catch (IOException e) {
                throw UserInputException.of(at, "cannot read the vault password file: " + e.getMessage(), "");
            }
        }
        if (pw.length == 0) {
            throw UserInputException.of(at, "the vault password " + (executable(p) ? "script" : "file")
                    + " gave an empty password", "");
        }
        return new VaultSecret(label, pw, name);
    }

    private static boolean executable(Path p) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            return perms.contains(PosixFilePermission.OWNER_EXECUTE) || perms.contains(PosixFilePermission.GROUP_EXECUTE)
                    || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return Files.isExecutable(p);
        }
    }

    private static byte[] run(Path script, String label, SourceSpan at) {
        String base = script.getFileName().toString();
        int dot = base.lastIndexOf('.');
        boolean client = (dot > 0 ? base.substring(0, dot) : base).endsWith("-client");
        List<String> command = new ArrayList<>(List.of(script.toAbsolutePath().toString()));
        if (client) {
            command.addAll(List.of("--vault-id", label));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT);
        pb.redirectError(client ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.INHERIT);
        try {
            Process proc = pb.start();
            byte[] out;
            try (InputStream in = proc.getInputStream()) {
                out = in.readAllBytes();
            }
            String err = client ? new String(proc.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip() : "";
            int rc = proc.waitFor();
            if (client && rc == 2) {
                throw UserInputException.of(at, "the vault password client script found no password for vault id '"
                        + label + "'" + (err.isEmpty() ? "" : ": " + err), "");
            }
            if (rc != 0) {
                throw UserInputException.of(at, "the vault password script exited with status " + rc
                        + (err.isEmpty() ? "" : ": " + err), "");
            }
            return out;
        } catch (IOException e) {
            throw UserInputException.of(at, "cannot run the vault password script: " + e.getMessage(),
                    "if this file is not a script, remove its executable bit");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UserInputException.of(at, "interrupted while running the vault password script", "");
        }
    }

    /** Python's bytes.strip(): ASCII whitespace at both ends. */
    private static byte[] stripWhitespace(byte[] b) {
        int from = 0;
        int to = b.length;
        while (from < to && isSpace(b[from])) {
            from++;
        }
        while (to > from && isSpace(b[to - 1])) {
            to--;
        }
        return Arrays.copyOfRange(b, from, to);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
    }

    private static byte[] stripLineEnds(byte[] b) {
        int from = 0;
        int to = b.length;
        while (from < to && (b[from] == '\n' || b[from] == '\r')) {
            from++;
        }
        while (to > from && (b[to - 1] == '\n' || b[to - 1] == '\r')) {
            to--;
        }
        return Arrays.copyOfRange(b, from, to);
    }
}
