package dev.runbook.modules.core;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.FileAttrs;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Footprint;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import dev.runbook.modules.Resource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's script: a script from the controller, copied into a private temporary directory on
 * the host, run there with its arguments (by {@code executable} when given), then removed.
 * {@code creates}/{@code removes} decide in plans and on apply, as for command.
 */
public final class Script implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("script",
            "Copy a script from the controller to the host and run it there with its arguments (Ansible's "
                    + "ansible.builtin.script); it is removed afterwards. Reports changed whenever it runs; creates/removes "
                    + "make it idempotent and let plans decide.",
            List.of(ArgSpec.optional("cmd", ArgType.STRING, null, "The script's path on the controller (relative to the "
                            + "runbook) followed by its arguments; or give it as the free-form value."),
                    ArgSpec.optional("creates", ArgType.STRING, null, "A path on the host; when it exists the script is not run."),
                    ArgSpec.optional("removes", ArgType.STRING, null, "A path on the host; when it does not exist the script is not run."),
                    ArgSpec.optional("chdir", ArgType.STRING, null, "An absolute directory on the host to run the script in."),
                    ArgSpec.optional("executable", ArgType.STRING, null, "The program that runs the script (e.g. python3, "
                            + "/bin/bash); default: the script itself, by its #! line."),
                    ArgSpec.optional("decrypt", ArgType.BOOL, true, "A script encrypted with Ansible Vault is decrypted before it is copied.")),
            true, """
            script: scripts/tune-kernel.sh --profile web
            args:
              creates: /etc/sysctl.d/90-web.conf
            """);

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Footprint footprint(Args args) {
        List<Resource> paths = new ArrayList<>();
        for (String field : List.of("creates", "removes")) {
            if (args.has(field)) {
                paths.add(Resource.path(args.string(field)));
            }
        }
        return new Footprint(paths, paths.isEmpty() ? null : paths);
    }

    @Override
    public boolean safeToRepeat(Map<String, Object> args) {
        return args.containsKey("creates") || args.containsKey("removes");
    }

    @Override
    public List<String> validate(Args args) {
        List<String> problems = new ArrayList<>();
        boolean raw = args.freeForm() != null && !args.freeForm().isBlank();
        if (raw == args.has("cmd")) {
            problems.add("script needs the script's path (and its arguments) as the free-form value or as cmd, not both");
        } else {
            try {
                if (Shlex.split(line(args)).isEmpty()) {
                    problems.add("script needs the script's path");
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (args.has("chdir") && !args.string("chdir").startsWith("/")) {
            problems.add("chdir " + args.string("chdir") + " must be an absolute path for a Unix-aware remote node");
        }
        return problems;
    }

    private static String line(Args args) {
        return (args.has("cmd") ? args.string("cmd") : args.freeForm()).strip();
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        requireValid(args);
        Path source = source(ctx, args);
        Change skip = skip(ctx, args);
        if (skip != null) {
            return skip;
        }
        String what = "would run " + source.getFileName() + " on the host";
        return args.has("creates") || args.has("removes") ? Change.of(ChangeKind.CHANGE, what) : Change.unknown(what);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        requireValid(args);
        Path source = source(ctx, args);
        Change skip = skip(ctx, args);
        if (skip != null) {
            return new ModuleResult(false, false, skip.summary(), Map.of("rc", 0, "stdout", "", "stderr", ""), null);
        }
        byte[] content = content(ctx, source, args.bool("decrypt"));
        CommandResult made = ctx.run(CommandRequest.of(new Command.Shell("mktemp -d \"${TMPDIR:-/tmp}/runbook-script.XXXXXXXX\"")));
        if (!made.ok()) {
            throw new ModuleException("could not create a temporary directory on " + ctx.host() + ": " + made.stderr().strip());
        }
        String dir = made.stdout().strip();
        try {
            String remote = dir + "/" + source.getFileName();
            try (InputStream in = new ByteArrayInputStream(content)) {
                ctx.connection().upload(in, remote, new FileAttrs(0700, null, null));
            } catch (IOException e) {
                throw new ModuleException("could not copy " + source + " to " + ctx.host() + ": " + e.getMessage(), e);
            }
            return run(ctx, args, remote);
        } finally {
            ctx.run(CommandRequest.of(Command.Argv.of("rm", "-rf", "--", dir)));
        }
    }

    private static ModuleResult run(ModuleContext ctx, Args args, String remote) throws ConnectionException, InterruptedException {
        String line = line(args);
        // the arguments go to the shell as written (quotes and variables kept), as Ansible passes them
        String rest = line.substring(firstWordEnd(line));
        String command = (args.has("executable") ? args.string("executable") + " " : "") + ShellQuote.quote(remote) + rest;
        CommandResult r = ctx.stream(CommandRequest.of(new Command.Shell(command)).withCwd(args.string("chdir")));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rc", r.exitCode());
        data.put("stdout", r.stdout());
        data.put("stderr", r.stderr());
        data.put("stdout_lines", r.stdout().lines().toList());
        data.put("stderr_lines", r.stderr().lines().toList());
        String msg = r.timedOut() ? "timed out after " + ctx.timeout().toSeconds() + "s (process tree killed)"
                : r.exitCode() == 0 ? "" : "non-zero return code";
        return new ModuleResult(true, r.exitCode() != 0, msg, data, null);
    }

    /** Where the first (quoted) word of a command line ends. */
    static int firstWordEnd(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\') {
                i++;
            } else if (Character.isWhitespace(c)) {
                return i;
            }
        }
        return line.length();
    }

    private static Path source(ModuleContext ctx, Args args) throws ModuleException {
        String name = Shlex.split(line(args)).get(0);
        Path p = ctx.controllerFile(name, "files");
        if (!Files.isRegularFile(p)) {
            throw new ModuleException("script " + name + " not found on the controller (looked for " + p + ")");
        }
        return p;
    }

    private static byte[] content(ModuleContext ctx, Path source, boolean decrypt) throws ModuleException {
        if (decrypt) {
            var plain = ctx.decryptedControllerFile(source);
            if (plain.isPresent()) {
                return plain.get();
            }
        }
        try {
            return Files.readAllBytes(source);
        } catch (IOException e) {
            throw new ModuleException("cannot read " + source + " on the controller: " + e.getMessage(), e);
        }
    }

    /** creates / removes say not to run: the change that says why; else null. */
    private static Change skip(ModuleContext ctx, Args args) throws ConnectionException, InterruptedException {
        if (args.has("creates") && exists(ctx, args.string("creates"))) {
            return Change.none(args.string("creates") + " exists, matching creates option");
        }
        if (args.has("removes") && !exists(ctx, args.string("removes"))) {
            return Change.none(args.string("removes") + " does not exist, matching removes option");
        }
        return null;
    }

    private static boolean exists(ModuleContext ctx, String path) throws ConnectionException, InterruptedException {
        return ctx.run(CommandRequest.readOnly(Command.Argv.of("test", "-e", path))).exitCode() == 0;
    }

    private void requireValid(Args args) throws ModuleException {
        List<String> problems = validate(args);
        if (!problems.isEmpty()) {
            throw new ModuleException(String.join("; ", problems));
        }
    }
}
