package dev.runbook.modules.host;

import static dev.runbook.modules.system.Checks.ensureValid;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * community.general.timezone: the system time zone and whether the hardware clock keeps local
 * time. With systemd through {@code timedatectl}; without it {@code /etc/localtime} is linked to
 * the zone's file and {@code /etc/timezone} (Debian) rewritten.
 */
public final class Timezone implements Module {
    private static final String ZONEINFO = "/usr/share/zoneinfo/";
    private static final ModuleSpec SPEC = new ModuleSpec("timezone",
            "Set the system time zone and the hardware clock's mode (community.general.timezone).",
            List.of(
                    ArgSpec.optional("name", ArgType.STRING, null, "An IANA time zone: Europe/Berlin, UTC, America/New_York "
                            + "(a file under /usr/share/zoneinfo on the host)."),
                    ArgSpec.optional("hwclock", ArgType.STRING, null, "Whether the hardware clock keeps local time or UTC "
                            + "(timedatectl set-local-rtc).").withAliases("rtc").withChoices("local", "UTC")),
            false, """
            timezone:
              name: Europe/Berlin
            """);

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        List<String> problems = new ArrayList<>();
        if (!args.has("name") && !args.has("hwclock")) {
            problems.add("timezone needs name or hwclock");
        }
        String name = args.string("name");
        if (name != null && (name.isBlank() || name.startsWith("/") || name.contains(".."))) {
            problems.add("name '" + name + "' is not a time zone name like Europe/Berlin or UTC");
        }
        return problems;
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.on(Resource.path("/etc/localtime"), Resource.path("/etc/timezone"), Resource.path("/etc/adjtime"));
    }

    /** The zone now, whether it is set with timedatectl, whether the zone file exists, and the RTC mode. */
    record Seen(String zone, boolean systemd, boolean known, String hwclock) {
    }

    static Seen probe(ModuleContext ctx, String name) throws ConnectionException, InterruptedException {
        boolean systemd = "systemd".equals(ctx.facts().get("service_mgr"));
        String zoneFile = ShellQuote.quote(ZONEINFO + (name == null ? "UTC" : name));
        String script = "echo @@zone; "
                + (systemd ? "timedatectl show -p Timezone --value 2>/dev/null || " : "")
                + "{ l=$(readlink /etc/localtime 2>/dev/null) && echo \"${l#*zoneinfo/}\"; } || cat /etc/timezone 2>/dev/null; "
                + "echo @@known; [ -f " + zoneFile + " ] && echo yes; "
                + "echo @@rtc; " + (systemd ? "timedatectl show -p LocalRTC --value 2>/dev/null || " : "")
                + "{ tail -n 1 /etc/adjtime 2>/dev/null | grep -q LOCAL && echo yes || echo no; }";
        Map<String, String> s = Shell.sections(Shell.probe(ctx, script).stdout());
        String rtc = s.getOrDefault("rtc", "").strip();
        return new Seen(s.getOrDefault("zone", "").strip(), systemd, s.getOrDefault("known", "").contains("yes"),
                rtc.equals("yes") ? "local" : "UTC");
    }

    private static List<String> changes(Seen seen, Args args) {
        List<String> out = new ArrayList<>();
        if (args.has("name") && !seen.zone().equals(args.string("name"))) {
            out.add("name");
        }
        if (args.has("hwclock") && !seen.hwclock().equalsIgnoreCase(args.string("hwclock"))) {
            out.add("hwclock");
        }
        return out;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        Seen seen = probe(ctx, args.string("name"));
        List<String> changes = changes(seen, args);
        if (changes.contains("name") && !seen.known()) {
            return Change.unknown("no time zone " + args.string("name") + " on the host yet (" + ZONEINFO + args.string("name") + ")");
        }
        if (changes.isEmpty()) {
            Map<String, Object> r = result(seen, args);
            r.put("changed", false);
            return Change.none("time zone is " + seen.zone() + (args.has("hwclock") ? ", hardware clock " + seen.hwclock() : ""))
                    .withResult(r);
        }
        Map<String, Object> r = result(seen, args);
        r.put("changed", true);
        return Change.of(ChangeKind.CHANGE, "would set " + describe(seen, args, changes)).withDiff(diff(seen, args)).withResult(r);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        String name = args.string("name");
        Seen seen = probe(ctx, name);
        List<String> changes = changes(seen, args);
        if (changes.contains("name")) {
            if (!seen.known()) {
                throw new ModuleException("no time zone " + name + " on " + ctx.host() + ": " + ZONEINFO + name
                        + " does not exist (is tzdata installed? is the name right, like Europe/Berlin?)");
            }
            if (seen.systemd()) {
                Shell.change(ctx, "timedatectl set-timezone " + name, List.of("timedatectl", "set-timezone", name));
            } else {
                Shell.changeScript(ctx, "linking /etc/localtime to " + ZONEINFO + name, "ln -sfn " + ShellQuote.quote(ZONEINFO + name)
                        + " /etc/localtime && { [ ! -e /etc/timezone ] || echo " + ShellQuote.quote(name) + " > /etc/timezone; }", null);
            }
        }
        if (changes.contains("hwclock")) {
            boolean local = args.string("hwclock").equalsIgnoreCase("local");
            if (seen.systemd()) {
                Shell.change(ctx, "timedatectl set-local-rtc", List.of("timedatectl", "set-local-rtc", local ? "yes" : "no"));
            } else {
                Shell.change(ctx, "hwclock --systohc", List.of("hwclock", "--systohc", local ? "--localtime" : "--utc"));
            }
        }
        String msg = changes.isEmpty() ? "time zone is " + seen.zone() : "set " + describe(seen, args, changes);
        ModuleResult r = new ModuleResult(!changes.isEmpty(), false, msg, result(seen, args), null);
        return changes.isEmpty() ? r : r.withDiff(diff(seen, args));
    }

    private static String describe(Seen seen, Args args, List<String> changes) {
        List<String> parts = new ArrayList<>();
        if (changes.contains("name")) {
            parts.add("the time zone to " + args.string("name") + " (was " + (seen.zone().isEmpty() ? "unset" : seen.zone()) + ")");
        }
        if (changes.contains("hwclock")) {
            parts.add("the hardware clock to " + args.string("hwclock"));
        }
        return String.join(" and ", parts);
    }

    /** Ansible's diff: before and after, one line per setting. */
    private static String diff(Seen seen, Args args) {
        return UnifiedDiff.of(lines(seen.zone(), seen.hwclock(), args), lines(after(seen, args, "name"), after(seen, args, "hwclock"), args),
                "before", "after");
    }

    private static String after(Seen seen, Args args, String key) {
        if (args.has(key)) {
            return args.string(key);
        }
        return key.equals("name") ? seen.zone() : seen.hwclock();
    }

    private static String lines(String zone, String hwclock, Args args) {
        return "name = " + zone + "\n" + (args.has("hwclock") ? "hwclock = " + hwclock + "\n" : "");
    }

    private static Map<String, Object> result(Seen seen, Args args) {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("name", seen.zone());
        before.put("hwclock", seen.hwclock());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("name", after(seen, args, "name"));
        after.put("hwclock", after(seen, args, "hwclock"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("diff", Map.of("before", before, "after", after));
        return m;
    }
}
