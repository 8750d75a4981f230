package dev.runbook.cli;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.modules.core.Shlex;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens plaintext in the user's editor as ansible-vault does: {@code $EDITOR} (split like a shell
 * would, default {@code vi}) on a temporary file with the target's extension, in a directory only
 * the user can read; the file is overwritten with zeros and removed afterwards, whatever happened.
 */
final class VaultEditor {
    private final CliContext ctx;

    VaultEditor(CliContext ctx) {
        this.ctx = ctx;
    }

    /** The text after editing {@code initial} as {@code target} (only its extension is used). */
    byte[] edit(byte[] initial, Path target) {
        Path dir = null;
        Path tmp = null;
        try {
            dir = Files.createTempDirectory("runbook-vault-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            String name = target.getFileName().toString();
            int dot = name.lastIndexOf('.');
            tmp = dir.resolve("edit" + (dot > 0 ? name.substring(dot) : ""));
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, initial);
            List<String> command = new ArrayList<>(split(ctx.env().vars().getOrDefault("EDITOR", "vi")));
            command.add(tmp.toString());
            run(command);
            return Files.readAllBytes(tmp);
        } catch (IOException e) {
            throw UserInputException.of(SourceSpan.NONE, "cannot edit through a temporary file: " + e.getMessage(), "");
        } finally {
            shred(tmp);
            if (dir != null) {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    // left behind empty: nothing secret in it
                }
            }
        }
    }

    private void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(ctx.env().workDir().toFile()).inheritIO().start();
            p.waitFor();
        } catch (IOException e) {
            throw UserInputException.of(SourceSpan.NONE, "cannot run the editor \"" + String.join(" ", command) + "\": "
                    + e.getMessage(), "set EDITOR to your editor's command");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UserInputException.of(SourceSpan.NONE, "interrupted while the editor was open", "");
        }
    }

    /** Overwrites with zeros, then removes: the plaintext does not linger on disk. */
    private static void shred(Path tmp) {
        if (tmp == null || !Files.exists(tmp)) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(tmp.toFile(), "rw")) {
            f.write(new byte[(int) Math.min(f.length(), Integer.MAX_VALUE)]);
            f.getFD().sync();
        } catch (IOException e) {
            // removed below all the same
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // nothing more to do
        }
    }

    /** Python's shlex.split for an editor command: words, single and double quotes, backslash escapes. */
    static List<String> split(String line) {
        try {
            return Shlex.split(line);
        } catch (IllegalArgumentException e) {
            throw UserInputException.of(SourceSpan.NONE, "EDITOR: " + e.getMessage(), "close the quote in $EDITOR");
        }
    }
}
