package dev.runbook.modules.system;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
import static dev.runbook.modules.system.Checks.ensureValid;

import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts, stops, restarts and reloads services and sets whether they start at boot, with systemd
 * when the host runs it, else SysV init scripts. The probe decides: a running service is not
 * started again, a stopped one not stopped again.
 */
public final class Service implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("service",
            "Start, stop, restart or reload a service and enable or disable it at boot (systemd, or SysV init scripts).",
            List.of(
                    ArgSpec.required("name", ArgType.STRING, "The service (systemd unit or init script name)."),
                    ArgSpec.optional("state", ArgType.STRING, null,
                            "started/stopped act only when needed; restarted and reloaded always act (reloading a stopped "
                                    + "service starts it).").withChoices("started", "stopped", "restarted", "reloaded"),
                    ArgSpec.optional("enabled", ArgType.BOOL, null, "Whether the service starts at boot."),
                    ArgSpec.optional("daemon_reload", ArgType.BOOL, false,
                            "systemd: run systemctl daemon-reload first (after changing a unit file).")),
            false, """
            service:
              name: php8.2-fpm
              state: restarted
              enabled: true
            """);

    private final String initDir;
    private final String rcRoot;

    public Service() {
        this("/etc/init.d", "/etc");
    }

    /** SysV scripts and rc links elsewhere than /etc (a test's own init directory). */
    Service(String initDir, String rcRoot) {
        this.initDir = initDir;
        this.rcRoot = rcRoot;
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.on(Resource.named("service", args.string("name")));
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        if (!args.has("state") && !args.has("enabled") && !args.bool("daemon_reload")) {
            return List.of("service needs state (started, stopped, restarted, reloaded) or enabled");
        }
        return List.of();
    }

    private static boolean systemd(ModuleContext ctx) throws ConnectionException, InterruptedException {
        return "systemd".equals(ctx.facts().get("service_mgr"));
    }

    /** On systemd hosts service is Ansible's systemd module with service's arguments (as Ansible's service does). */
    private static SystemdRequest systemdRequest(Args args) {
        return new SystemdRequest(args.string("name"), args.string("state"), wantEnabled(args), null,
                args.bool("daemon_reload"), false, Systemctl.SYSTEM);
    }

    private static Boolean wantEnabled(Args args) {
        return args.has("enabled") ? args.bool("enabled") : null;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        if (systemd(ctx)) {
            return SystemdUnits.check(ctx, systemdRequest(args));
        }
        String name = args.string("name");
        ServiceManager m = new ServiceManager.Sysv(initDir, rcRoot);
        ServiceStatus now = m.probe(ctx, name);
        if (!now.installed()) {
            // an earlier step of the run may install it
            return Change.unknown(name + " is not installed yet (" + m.where(name) + ")");
        }
        List<String> actions = now.actions(args.string("state"), wantEnabled(args));
        if (actions.isEmpty()) {
            Map<String, Object> result = new LinkedHashMap<>(now.toMap(name));
            result.put("changed", false);
            return Change.none(name + " is " + describe(now)).withResult(result);
        }
        return Change.of(ChangeKind.CHANGE, "would " + String.join(", ", actions) + " " + name);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        if (systemd(ctx)) {
            return SystemdUnits.apply(ctx, systemdRequest(args));
        }
        String name = args.string("name");
        ServiceManager m = new ServiceManager.Sysv(initDir, rcRoot);
        ServiceStatus now = m.probe(ctx, name);
        if (!now.installed()) {
            throw new ModuleException("service " + name + " not found on " + ctx.host() + ": " + m.where(name));
        }
        List<String> actions = now.actions(args.string("state"), wantEnabled(args));
        for (String action : actions) {
            m.run(ctx, action, name);
        }
        ServiceStatus after = actions.isEmpty() ? now : m.probe(ctx, name);
        String state = args.string("state");
        if (("started".equals(state) || "restarted".equals(state) || "reloaded".equals(state)) && !after.active()) {
            throw new ModuleException(name + " is not running after " + String.join(", ", actions)
                    + " (check its logs in /var/log)");
        }
        if ("stopped".equals(state) && after.active()) {
            throw new ModuleException(name + " is still running after stop");
        }
        Map<String, Object> data = new LinkedHashMap<>(after.toMap(name));
        data.put("actions", new ArrayList<>(actions));
        String msg = actions.isEmpty() ? name + " is " + describe(after)
                : String.join(", ", actions.stream().map(Service::past).toList()) + " " + name;
        return new ModuleResult(!actions.isEmpty(), false, msg, data, null);
    }

    private static String describe(ServiceStatus s) {
        return (s.active() ? "running" : "stopped") + (s.enabled() == null ? "" : s.enabled() ? ", enabled" : ", disabled");
    }

    private static String past(String action) {
        return switch (action) {
            case "stop" -> "stopped";
            case "enable", "disable" -> action + "d";
            default -> action + "ed";
        };
    }
}
