package dev.runbook.modules.archive;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.FileAttrs;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The changing commands the tree modules run on a target. Path lists travel NUL-separated on
 * standard input (never on a command line, which has a length limit), each prefixed with "./"
 * so that no name is read as an option.
 */
final class TargetOps {
    /** Marks a failure of the first half of a tar pipe, which sh cannot report through $?. */
    private static final String CREATE_FAILED = "runbook: reading the source tree failed";

    private TargetOps() {
    }

    /** Removes paths (files, links, or whole directories) under {@code root}. */
    static void remove(ModuleContext ctx, String root, Collection<String> paths)
            throws ModuleException, ConnectionException, InterruptedException {
        if (paths.isEmpty()) {
            return;
        }
        run(ctx, "cd " + ShellQuote.quote(root) + " && xargs -0 -r rm -rf --", nulList(paths), "removing entries under " + root);
    }

    /**
     * Copies the listed paths from {@code from} to {@code to} with a tar pipe that keeps modes and
     * times; only those entries are read, never whole sub-trees.
     */
    static void copy(ModuleContext ctx, String from, String to, Collection<String> paths)
            throws ModuleException, ConnectionException, InterruptedException {
        if (paths.isEmpty()) {
            return;
        }
        String script = "mkdir -p -- " + ShellQuote.quote(to) + " && cd " + ShellQuote.quote(from) + " || exit 1\n"
                + "{ tar -cf - --null --no-recursion -T - || echo '" + CREATE_FAILED + "' >&2; } | tar -C "
                + ShellQuote.quote(to) + " -xpf -";
        run(ctx, script, nulList(paths), "copying " + paths.size() + " entries from " + from + " to " + to);
    }

    /**
     * Sends a tar built on the controller, unpacks it into a fresh staging directory on the
     * target and overlays the listed paths onto {@code dest}: a broken transfer never reaches dest.
     */
    static void overlay(ModuleContext ctx, Path payload, String dest, Collection<String> paths)
            throws ModuleException, ConnectionException, InterruptedException {
        String stage = mktemp(ctx, "-d", "runbook-stage");
        try {
            try (InputStream in = Files.newInputStream(payload)) {
                ctx.connection().upload(in, stage + "/payload.tar", FileAttrs.mode(0600));
            } catch (IOException e) {
                throw new ModuleException("cannot send the files to " + ctx.host() + ": " + e.getMessage(), e);
            }
            run(ctx, "cd " + ShellQuote.quote(stage) + " && mkdir tree && tar -C tree --no-same-owner -xpf payload.tar",
                    new byte[0], "unpacking into " + stage);
            copy(ctx, stage + "/tree", dest, paths);
        } finally {
            run(ctx, "rm -rf -- " + ShellQuote.quote(stage), new byte[0], "removing " + stage);
        }
    }

    /** Sets owner and/or group of the listed paths (links themselves, not their targets). */
    static void chown(ModuleContext ctx, String root, Collection<String> paths, String owner, String group)
            throws ModuleException, ConnectionException, InterruptedException {
        if (paths.isEmpty() || (owner == null && group == null)) {
            return;
        }
        String spec = (owner == null ? "" : owner) + (group == null ? "" : ":" + group);
        run(ctx, "cd " + ShellQuote.quote(root) + " && xargs -0 -r chown -h " + ShellQuote.quote(spec) + " --",
                nulList(paths), "setting owner " + spec + " under " + root);
    }

    /** A new temporary file or ({@code -d}) directory in the target's temporary directory. */
    static String mktemp(ModuleContext ctx, String flag, String prefix)
            throws ModuleException, ConnectionException, InterruptedException {
        String tmpl = "\"${TMPDIR:-/tmp}/" + prefix + ".XXXXXX\"";
        CommandResult r = ctx.run(CommandRequest.of(new Command.Shell("mktemp " + flag + " " + tmpl)));
        if (!r.ok() || r.stdout().isBlank()) {
            throw new ModuleException("cannot create a temporary " + (flag.equals("-d") ? "directory" : "file")
                    + " on " + ctx.host() + ": " + r.stderr().strip());
        }
        return r.stdout().strip();
    }

    static CommandResult run(ModuleContext ctx, String script, byte[] stdin, String what)
            throws ModuleException, ConnectionException, InterruptedException {
        CommandResult r = ctx.run(CommandRequest.of(new Command.Shell(script)).withStdin(stdin));
        if (!r.ok() || r.stderr().contains(CREATE_FAILED)) {
            String why = r.timedOut() ? "timed out" : r.stderr().isBlank() ? "exit code " + r.exitCode() : r.stderr().strip();
            throw new ModuleException(what + " failed on " + ctx.host() + ": " + why);
        }
        return r;
    }

    static byte[] nulList(Collection<String> paths) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String p : paths) {
            out.writeBytes(("./" + p).getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }
}
