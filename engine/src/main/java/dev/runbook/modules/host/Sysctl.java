package dev.runbook.modules.host;

import static dev.runbook.modules.system.Checks.ensureValid;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
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
import dev.runbook.modules.files.UnifiedDiff;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ansible.posix.sysctl: a kernel parameter in a sysctl file (edited as {@link SysctlFile} says),
 * optionally set now with {@code sysctl -w} ({@code sysctl_set}), and the file loaded with
 * {@code sysctl -p FILE} when anything changed ({@code reload}, the default). With reload, a
 * file that is already right but a running value that differs is a change too: the reload
 * applies it.
 */
public final class Sysctl implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("sysctl",
            "Set a kernel parameter in a sysctl file and, by default, load it (ansible.posix.sysctl).",
            List.of(
                    ArgSpec.required("name", ArgType.STRING, "The parameter, e.g. vm.swappiness.").withAliases("key"),
                    ArgSpec.optional("value", ArgType.ANY, null, "Its value (booleans are written 1 and 0); needed with "
                            + "state present.").withAliases("val"),
                    ArgSpec.optional("state", ArgType.STRING, "present", "present: the line is in the file; absent: it is not.")
                            .withChoices("present", "absent"),
                    ArgSpec.optional("sysctl_file", ArgType.STRING, "/etc/sysctl.conf", "The file to edit (created when missing)."),
                    ArgSpec.optional("reload", ArgType.BOOL, true, "After a change, load the file with sysctl -p FILE."),
                    ArgSpec.optional("sysctl_set", ArgType.BOOL, false, "Also set the running value with sysctl -w when it differs."),
                    ArgSpec.optional("ignoreerrors", ArgType.BOOL, false, "Ignore unknown keys when loading (sysctl -e).")),
            false, """
            sysctl:
              name: vm.swappiness
              value: 10
              sysctl_file: /etc/sysctl.d/60-shop.conf
            """);

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        if ("present".equals(args.string("state")) && !args.has("value")) {
            return List.of("sysctl needs value with state present");
        }
        String name = args.string("name");
        if (name != null && (name.isBlank() || name.contains("=") || name.chars().anyMatch(Character::isWhitespace))) {
            return List.of("name '" + name + "' is not a sysctl key like vm.swappiness");
        }
        return List.of();
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.on(Resource.path(args.string("sysctl_file")), Resource.named("sysctl", args.string("name")));
    }

    /** What the probe saw and what to do. */
    private record Decision(String before, String after, String running, boolean writeFile, boolean setRunning, boolean reload) {
        boolean changed() {
            return writeFile || setRunning || reload;
        }
    }

    private static Decision decide(ModuleContext ctx, Args args) throws ConnectionException, InterruptedException {
        String file = args.string("sysctl_file");
        String key = args.string("name").strip();
        CommandResult content = Shell.probe(ctx, "cat " + ShellQuote.quote(file) + " 2>/dev/null");
        String before = content.exitCode() == 0 ? content.stdout() : "";
        CommandResult proc = Shell.probe(ctx, "sysctl -n -- " + ShellQuote.quote(key));
        String running = proc.exitCode() == 0 ? proc.stdout().strip() : null;
        boolean present = "present".equals(args.string("state"));
        String value = present ? SysctlFile.value(args.get("value")) : null;
        String inFile = SysctlFile.values(before).get(key);
        String after = SysctlFile.edit(before, key, value);
        boolean writeFile = present ? !value.equals(inFile) : inFile != null;
        boolean reloadNeeded = args.bool("reload");
        boolean fixRunning = present && (running == null ? !args.bool("ignoreerrors") : !SysctlFile.sameValue(running, value));
        boolean setRunning = args.bool("sysctl_set") && present && running != null && !SysctlFile.sameValue(running, value);
        boolean reload = reloadNeeded && (writeFile || setRunning || fixRunning);
        return new Decision(before, writeFile ? after : before, running, writeFile, setRunning, reload);
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        Decision d = decide(ctx, args);
        String key = args.string("name");
        if (!d.changed()) {
            return Change.none(key + " = " + (d.running() == null ? "(not set in this kernel)" : d.running()) + " in "
                    + args.string("sysctl_file")).withResult(Map.of("changed", false));
        }
        Change c = Change.of(ChangeKind.CHANGE, "would " + String.join(", then ", actions(d, args, false)))
                .withResult(Map.of("changed", true));
        return d.writeFile() ? c.withDiff(UnifiedDiff.of(d.before(), d.after(), args.string("sysctl_file"), args.string("sysctl_file"))) : c;
    }

    private static List<String> actions(Decision d, Args args, boolean done) {
        List<String> out = new ArrayList<>();
        String key = args.string("name");
        if (d.setRunning()) {
            out.add("set " + key + " to " + SysctlFile.value(args.get("value")) + " now (was " + d.running() + ")");
        }
        if (d.writeFile()) {
            out.add(("present".equals(args.string("state")) ? (done ? "wrote " : "write ") + key + "=" + SysctlFile.value(args.get("value")) + " to "
                    : (done ? "removed " : "remove ") + key + " from ") + args.string("sysctl_file"));
        }
        if (d.reload()) {
            out.add((done ? "loaded " : "load ") + args.string("sysctl_file") + " (sysctl -p)");
        }
        return out;
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        Decision d = decide(ctx, args);
        String file = args.string("sysctl_file");
        String key = args.string("name").strip();
        boolean ignore = args.bool("ignoreerrors");
        if (d.setRunning()) {
            List<String> argv = new ArrayList<>(List.of("sysctl"));
            if (ignore) {
                argv.add("-e");
            }
            argv.addAll(List.of("-w", key + "=" + SysctlFile.value(args.get("value"))));
            Shell.change(ctx, "setting sysctl " + key, argv);
        }
        if (d.writeFile()) {
            String f = ShellQuote.quote(file);
            Shell.changeScript(ctx, "writing " + file, "f=" + f + "; t=$(mktemp \"$f.XXXXXX\") && cat > \"$t\" && "
                    + "{ if [ -e \"$f\" ]; then chmod --reference=\"$f\" \"$t\" && chown --reference=\"$f\" \"$t\"; else chmod 0644 \"$t\"; fi; } "
                    + "&& mv -f \"$t\" \"$f\" || { rm -f \"$t\"; exit 1; }", d.after().getBytes(StandardCharsets.UTF_8));
        }
        if (d.reload()) {
            List<String> argv = new ArrayList<>(List.of("sysctl"));
            if (ignore) {
                argv.add("-e");
            }
            argv.addAll(List.of("-p", file));
            CommandResult r = ctx.run(CommandRequest.of(new Command.Argv(argv)));
            if (r.exitCode() != 0) {
                throw new ModuleException("Failed to reload sysctl: " + (r.stdout() + r.stderr()).strip());
            }
        }
        String msg = d.changed() ? String.join(", then ", actions(d, args, true)) : key + " already set";
        ModuleResult r = new ModuleResult(d.changed(), false, msg, Map.of(), null);
        return d.writeFile() ? r.withDiff(UnifiedDiff.of(d.before(), d.after(), file, file)) : r;
    }
}
