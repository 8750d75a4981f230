package dev.runbook.modules.files;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Carries out a {@link Plan} on the host, and the reading helpers the file modules share. */
public final class Steps {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Steps() {
    }

    /** Runs the plan's actions and reports like Ansible: the plan's result plus backup_file. */
    public static ModuleResult apply(ModuleContext ctx, Plan plan) throws ModuleException, ConnectionException, InterruptedException {
        Map<String, Object> data = new LinkedHashMap<>();
        if (plan.change().result() != null) {
            data.putAll(plan.change().result());
            data.remove("changed");
        }
        for (Action a : plan.actions()) {
            if (a instanceof Action.Shell s) {
                shell(ctx, s.script(), s.what());
            } else if (a instanceof Action.Backup b) {
                data.put("backup_file", backup(ctx, b.path()));
            } else if (a instanceof Action.Upload u) {
                upload(ctx, u);
            }
        }
        String diff = ctx.diff() ? plan.change().diff() : null;
        return new ModuleResult(plan.changes(), false, plan.done(), data, diff);
    }

    static String shell(ModuleContext ctx, String script, String what) throws ModuleException, ConnectionException, InterruptedException {
        CommandResult r = ctx.run(CommandRequest.of(new Command.Shell(script)));
        if (!r.ok()) {
            String why = r.timedOut() ? "timed out" : r.stderr().isBlank() ? "exit code " + r.exitCode() : r.stderr().strip();
            throw new ModuleException("could not " + what + ": " + why);
        }
        return r.stdout();
    }

    private static String backup(ModuleContext ctx, String path) throws ModuleException, ConnectionException, InterruptedException {
        String q = ShellQuote.quote(path);
        String out = shell(ctx, "b=" + q + ".$(date +%Y%m%d%H%M%S)~ && cp -p -- " + q + " \"$b\" && printf %s \"$b\"",
                "back up " + path);
        return out.strip();
    }

    private static void upload(ModuleContext ctx, Action.Upload u) throws ModuleException, ConnectionException, InterruptedException {
        if (u.validate() == null) {
            write(ctx, u.data(), u.path(), u);
            return;
        }
        int slash = u.path().lastIndexOf('/');
        String dir = slash < 0 ? "" : u.path().substring(0, slash + 1);
        String tmp = dir + "." + u.path().substring(slash + 1) + ".runbook-" + HexFormat.of().formatHex(randomBytes());
        write(ctx, u.data(), tmp, u);
        String command = u.validate().replace("%s", ShellQuote.quote(tmp));
        CommandResult r = ctx.run(CommandRequest.of(new Command.Shell(command)));
        if (!r.ok()) {
            shell(ctx, "rm -f -- " + ShellQuote.quote(tmp), "remove " + tmp);
            String out = (r.stderr() + "\n" + r.stdout()).strip();
            throw new ModuleException("validation of the new " + u.path() + " failed, file left unchanged: '"
                    + u.validate() + "' exited " + r.exitCode() + (out.isEmpty() ? "" : ": " + out));
        }
        shell(ctx, "mv -f -- " + ShellQuote.quote(tmp) + " " + ShellQuote.quote(u.path()), "move validated file to " + u.path());
    }

    private static void write(ModuleContext ctx, Content data, String path, Action.Upload u) throws ModuleException, ConnectionException {
        try (java.io.InputStream in = data.open()) {
            ctx.connection().upload(in, path, u.attrs());
        } catch (IOException e) {
            throw new ModuleException("could not write " + u.path() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The whole remote file. */
    public static byte[] read(ModuleContext ctx, String path) throws ModuleException, ConnectionException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ctx.connection().download(path, out);
        } catch (IOException e) {
            throw new ModuleException("could not read " + path + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Hex sha256 of bytes, as sha256sum prints it. */
    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
