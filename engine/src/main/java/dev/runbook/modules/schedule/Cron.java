package dev.runbook.modules.schedule;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code cron}: a named job in a user's crontab (through {@code crontab}) or in a file
 * of {@code /etc/cron.d}, marked with {@code #Ansible: NAME} as Ansible marks it, so crontabs that
 * Ansible wrote are managed in place.
 */
public final class Cron implements Module {
    private static final String CRON_D = "/etc/cron.d/";
    private static final ModuleSpec SPEC = declaration();

    private static ModuleSpec declaration() {
        List<ArgSpec> args = new ArrayList<>(List.of(
                ArgSpec.required("name", ArgType.STRING, "The entry's name (the '#Ansible: NAME' line above the job)."),
                ArgSpec.optional("job", ArgType.STRING, null, "The command to run. Required for state present.")
                        .withAliases("value"),
                ArgSpec.optional("state", ArgType.STRING, "present", "present or absent.").withChoices("present", "absent"),
                ArgSpec.optional("user", ArgType.STRING, null, "Whose crontab (default: the connecting/become user); "
                        + "with cron_file, the user the job runs as (default root)."),
                ArgSpec.optional("cron_file", ArgType.STRING, null, "A file in /etc/cron.d (relative) or an absolute "
                        + "path, instead of a user's crontab. Removed when its last line goes.")));
        for (String field : List.of("minute", "hour", "day", "month", "weekday")) {
            args.add(ArgSpec.optional(field, ArgType.STRING, "*", "The " + field + " field."));
        }
        args.add(ArgSpec.optional("special_time", ArgType.STRING, null, "Instead of the five fields: @reboot, "
                + "@hourly, ...").withChoices("reboot", "yearly", "annually", "monthly", "weekly", "daily", "hourly"));
        args.add(ArgSpec.optional("disabled", ArgType.BOOL, false, "Keep the job but commented out."));
        return new ModuleSpec("cron", "Manage a named job in a crontab or /etc/cron.d (Ansible's ansible.builtin.cron). "
                + "Returns jobs (the named entries) and envs.", args, false, """
                cron:
                  name: shop backup
                  minute: "15"
                  hour: "3"
                  job: /usr/local/bin/shop-backup
                  user: shop
                """);
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        if (args.string("state").equals("present") && !args.has("job")) {
            return List.of("state present needs job: the command to run");
        }
        return List.of();
    }

    @Override
    public Footprint footprint(Args args) {
        if (args.has("cron_file")) {
            return Footprint.on(Resource.path(file(args)));
        }
        return Footprint.on(Resource.named("crontab", args.has("user") ? args.string("user") : ""));
    }

    private record Edit(boolean exists, String before, String after, List<String> jobs) {
        boolean changes() {
            return !before.equals(after);
        }
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Edit e = edit(ctx, args);
        Map<String, Object> result = result(e);
        result.put("changed", e.changes());
        if (!e.changes()) {
            return new Change(ChangeKind.NONE, "cron job '" + args.string("name") + "' " + args.string("state"), null, result, null);
        }
        ChangeKind kind = !e.exists() ? ChangeKind.CREATE : args.string("state").equals("absent") ? ChangeKind.REMOVE : ChangeKind.CHANGE;
        return new Change(kind, "would write " + where(args), UnifiedDiff.of(e.before(), e.after(), where(args), where(args)),
                result, null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Edit e = edit(ctx, args);
        if (!e.changes()) {
            return new ModuleResult(false, false, "cron job '" + args.string("name") + "' " + args.string("state"), result(e), null);
        }
        String script;
        if (args.has("cron_file")) {
            String f = ShellQuote.quote(file(args));
            script = e.after().isEmpty() ? "rm -f -- " + f
                    : "set -e\nt=$(mktemp " + f + ".XXXXXX)\ntrap 'rm -f \"$t\"' EXIT\ncat > \"$t\"\nchmod 644 \"$t\"\nmv -f \"$t\" " + f;
        } else {
            script = "crontab " + userFlag(args) + "-";
        }
        CommandResult r = ctx.run(CommandRequest.of(new Command.Shell(script)).withStdin(e.after().getBytes(StandardCharsets.UTF_8)));
        if (!r.ok()) {
            throw new ModuleException("cannot write " + where(args) + ": " + r.stderr().strip());
        }
        return new ModuleResult(true, false, "wrote " + where(args), result(e),
                UnifiedDiff.of(e.before(), e.after(), where(args), where(args)));
    }

    private Edit edit(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String probe = args.has("cron_file")
                ? "f=" + ShellQuote.quote(file(args)) + "; if [ -e \"$f\" ]; then echo y; cat -- \"$f\"; else echo n; fi"
                : "if out=$(crontab " + userFlag(args) + "-l 2>&1); then echo y; printf '%s\\n' \"$out\"; "
                + "else case \"$out\" in *'no crontab for'*) echo n ;; *) echo \"$out\" >&2; exit 1 ;; esac; fi";
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(probe)));
        if (!r.ok()) {
            throw new ModuleException("cannot read " + where(args) + ": " + r.stderr().strip());
        }
        boolean exists = r.stdout().startsWith("y");
        String before = exists ? r.stdout().substring(2) : "";
        CronEntries entries = new CronEntries(before);
        if (args.string("state").equals("absent")) {
            entries.remove(args.string("name"));
        } else {
            entries.put(args.string("name"), line(args));
        }
        String after = entries.text();
        if (entries.isEmpty() && args.has("cron_file")) {
            after = "";
        } else if (new CronEntries(before).text().equals(after)) {
            after = before; // untouched: kept byte for byte
        }
        return new Edit(exists, before, after, entries.names());
    }

    private static String line(Args args) {
        String when = args.has("special_time") ? "@" + args.string("special_time")
                : String.join(" ", args.string("minute"), args.string("hour"), args.string("day"), args.string("month"),
                args.string("weekday"));
        String user = args.has("cron_file") ? (args.has("user") ? args.string("user") : "root") + " " : "";
        return (args.bool("disabled") ? "#" : "") + when + " " + user + args.string("job");
    }

    private static String file(Args args) {
        String f = args.string("cron_file");
        return f.startsWith("/") ? f : CRON_D + f;
    }

    private static String userFlag(Args args) {
        return args.has("user") ? "-u " + ShellQuote.quote(args.string("user")) + " " : "";
    }

    private static String where(Args args) {
        return args.has("cron_file") ? file(args) : "the crontab" + (args.has("user") ? " of " + args.string("user") : "");
    }

    private static Map<String, Object> result(Edit e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobs", e.jobs());
        data.put("envs", List.of());
        return data;
    }
}
