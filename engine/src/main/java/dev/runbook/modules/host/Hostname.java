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
 * Ansible's {@code hostname}: sets the running (transient) and the permanent host name. With
 * systemd, through {@code hostnamectl}, as Ansible does; elsewhere the permanent name is the
 * file Ansible's strategy for that system writes, and the running one is set with
 * {@code hostname}.
 */
public final class Hostname implements Module {
    private static final List<String> UNSUPPORTED = List.of("freebsd", "macos", "macosx", "darwin", "openbsd", "solaris", "generic",
            "openrc", "redhat");
    private static final ModuleSpec SPEC = new ModuleSpec("hostname",
            "Set the host's name, now and across reboots (Ansible's ansible.builtin.hostname).",
            List.of(
                    ArgSpec.required("name", ArgType.STRING, "The host name (a short name or a fully qualified one)."),
                    ArgSpec.optional("use", ArgType.STRING, null, "How to set it: systemd (hostnamectl; the default where "
                            + "systemd runs), debian (the same), alpine (/etc/hostname, then hostname -F), sles (/etc/HOSTNAME). "
                            + "Without systemd the default writes /etc/hostname and runs hostname.")
                            .withChoices("alpine", "debian", "freebsd", "generic", "macos", "macosx", "darwin", "openbsd", "openrc",
                                    "redhat", "sles", "solaris", "systemd")),
            false, """
            hostname:
              name: shop-web-01
            """);

    /** Where the permanent name lives and how the running one is set. */
    private record Strategy(String file, boolean systemd) {
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        List<String> problems = new ArrayList<>();
        String name = args.string("name");
        if (name != null && (name.isBlank() || name.length() > 64)) {
            problems.add("name must be 1 to 64 characters, got " + name.length());
        }
        String use = args.string("use");
        if (use != null && UNSUPPORTED.contains(use)) {
            problems.add("use: " + use + " is not supported; runbook sets host names with systemd (hostnamectl) or in "
                    + "/etc/hostname (alpine, or no systemd) or /etc/HOSTNAME (sles)");
        }
        return problems;
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.on(Resource.named("hostname", "hostname"), Resource.path("/etc/hostname"));
    }

    private Strategy strategy(ModuleContext ctx, Args args) throws ConnectionException, InterruptedException {
        String use = args.string("use");
        if (use == null) {
            use = "systemd".equals(ctx.facts().get("service_mgr")) ? "systemd" : "file";
        }
        return switch (use) {
            case "systemd", "debian" -> new Strategy("/etc/hostname", true);
            case "sles" -> new Strategy("/etc/HOSTNAME", false);
            default -> new Strategy("/etc/hostname", false);
        };
    }

    /** The running name, the permanent one (first line of its file that is not a comment), the FQDN. */
    private record Names(String current, String permanent, String fqdn) {
    }

    private static Names probe(ModuleContext ctx, Strategy s) throws ConnectionException, InterruptedException {
        String out = Shell.probe(ctx, "echo @@current; cat /proc/sys/kernel/hostname 2>/dev/null || hostname; echo @@permanent; "
                + "grep -v '^[[:space:]]*#' " + ShellQuote.quote(s.file()) + " 2>/dev/null | head -n 1; echo @@fqdn; "
                + "hostname -f 2>/dev/null || hostname").stdout();
        Map<String, String> sec = Shell.sections(out);
        return new Names(sec.getOrDefault("current", "").strip(), sec.getOrDefault("permanent", "").strip(),
                sec.getOrDefault("fqdn", "").strip());
    }

    private static List<String> changes(Names n, String name) {
        List<String> out = new ArrayList<>();
        if (!n.current().equals(name)) {
            out.add("running");
        }
        if (!n.permanent().equals(name)) {
            out.add("permanent");
        }
        return out;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        String name = args.string("name");
        Names n = probe(ctx, strategy(ctx, args));
        List<String> changes = changes(n, name);
        if (changes.isEmpty()) {
            Map<String, Object> result = result(name, n.fqdn());
            result.put("changed", false);
            return Change.none("host name is " + name).withResult(result);
        }
        return Change.of(ChangeKind.CHANGE, "would set the " + String.join(" and ", changes) + " host name to " + name
                + " (was " + before(n, name) + ")").withDiff(diff(before(n, name), name));
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        String name = args.string("name");
        Strategy s = strategy(ctx, args);
        Names n = probe(ctx, s);
        List<String> changes = changes(n, name);
        if (s.systemd()) {
            // Ansible's order for systemd: the permanent name, then the running one
            if (changes.contains("permanent")) {
                Shell.change(ctx, "hostnamectl set-hostname", List.of("hostnamectl", "--pretty", "--static", "set-hostname", name));
            }
            if (changes.contains("running")) {
                Shell.change(ctx, "hostnamectl --transient set-hostname", List.of("hostnamectl", "--transient", "set-hostname", name));
            }
        } else {
            if (changes.contains("running")) {
                Shell.change(ctx, "hostname", List.of("hostname", name));
            }
            if (changes.contains("permanent")) {
                Shell.changeScript(ctx, "writing " + s.file(), "cat > " + ShellQuote.quote(s.file()), (name + "\n").getBytes());
            }
        }
        Names after = changes.isEmpty() ? n : probe(ctx, s);
        String msg = changes.isEmpty() ? "host name is " + name : "set the " + String.join(" and ", changes) + " host name to " + name;
        ModuleResult r = new ModuleResult(!changes.isEmpty(), false, msg, result(name, after.fqdn()), null);
        return changes.isEmpty() ? r : r.withDiff(diff(before(n, name), name));
    }

    /** Ansible's name_before: the running name when it differs, else the permanent one. */
    private static String before(Names n, String name) {
        return !n.current().equals(name) ? n.current() : n.permanent();
    }

    private static String diff(String before, String after) {
        return UnifiedDiff.of("hostname = " + before + "\n", "hostname = " + after + "\n", "before", "after");
    }

    /** Ansible's result: name, and the facts it updates. */
    private static Map<String, Object> result(String name, String fqdn) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("ansible_hostname", name.split("\\.", 2)[0]);
        facts.put("ansible_nodename", name);
        facts.put("ansible_fqdn", fqdn);
        int dot = fqdn.indexOf('.');
        facts.put("ansible_domain", dot < 0 ? "" : fqdn.substring(dot + 1));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("ansible_facts", facts);
        return m;
    }
}
