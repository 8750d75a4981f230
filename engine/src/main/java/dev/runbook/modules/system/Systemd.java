package dev.runbook.modules.system;

import static dev.runbook.modules.system.Checks.ensureValid;

import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.Footprint;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import dev.runbook.modules.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * Ansible's {@code systemd_service} (and its older name {@code systemd}): start, stop, restart,
 * reload, enable, disable, mask and unmask systemd units, with daemon-reload/daemon-reexec, in the
 * system, user or global scope. See {@link SystemdUnits} for the order and rules.
 */
public final class Systemd implements Module {
    private final ModuleSpec spec;

    private Systemd(String name) {
        this.spec = new ModuleSpec(name,
                "Manage systemd units (Ansible's ansible.builtin." + name + "): state, enabled, masked, daemon_reload; registers "
                        + "the unit's systemctl show properties as `status`.",
                List.of(
                        ArgSpec.optional("name", ArgType.STRING, null, "The unit (nginx, nginx.service, backup.timer); "
                                + "without a suffix systemd means .service. Needed with state, enabled and masked.")
                                .withAliases("service", "unit"),
                        ArgSpec.optional("state", ArgType.STRING, null,
                                "started/stopped act only when needed; restarted and reloaded always act (a stopped unit is started).")
                                .withChoices("reloaded", "restarted", "started", "stopped"),
                        ArgSpec.optional("enabled", ArgType.BOOL, null, "Whether the unit starts at boot. A static unit (no [Install] "
                                + "section) is left alone."),
                        ArgSpec.optional("masked", ArgType.BOOL, null, "Mask the unit (it cannot be started at all) or unmask it; "
                                + "works on units not installed yet."),
                        ArgSpec.optional("daemon_reload", ArgType.BOOL, false, "Run systemctl daemon-reload first, after a unit "
                                + "file changed. Not reported as a change.").withAliases("daemon-reload"),
                        ArgSpec.optional("daemon_reexec", ArgType.BOOL, false, "Run systemctl daemon-reexec first.")
                                .withAliases("daemon-reexec"),
                        ArgSpec.optional("scope", ArgType.STRING, "system", "system: the system manager; user: the manager of the "
                                + "user the task runs as (XDG_RUNTIME_DIR defaults to /run/user/UID); global: enable/disable for "
                                + "every user.").withChoices("system", "user", "global"),
                        ArgSpec.optional("no_block", ArgType.BOOL, false, "Do not wait for the start or stop job to finish."),
                        ArgSpec.optional("force", ArgType.BOOL, null, "systemctl --force: enable or mask over conflicting symlinks.")),
                false, """
                systemd_service:
                  name: nginx
                  state: started
                  enabled: true
                  daemon_reload: true
                """);
    }

    /** {@code systemd_service}, Ansible's current name. */
    public static Systemd systemdService() {
        return new Systemd("systemd_service");
    }

    /** {@code systemd}, the name most roles still use. */
    public static Systemd systemd() {
        return new Systemd("systemd");
    }

    @Override
    public ModuleSpec spec() {
        return spec;
    }

    @Override
    public List<String> validate(Args args) {
        List<String> problems = new ArrayList<>();
        if (!args.has("state") && !args.has("enabled") && !args.has("masked") && !args.bool("daemon_reload")
                && !args.bool("daemon_reexec")) {
            problems.add(spec.name() + " needs one of state, enabled, masked, daemon_reload or daemon_reexec");
        }
        String name = args.string("name");
        if (name == null && (args.has("state") || args.has("enabled") || args.has("masked"))) {
            problems.add(spec.name() + " needs name with state, enabled or masked");
        }
        if (name != null && (name.contains("*") || name.contains("?") || name.contains("["))) {
            problems.add("name '" + name + "' is a glob pattern; " + spec.name() + " manages exactly one unit");
        }
        if ("global".equals(args.string("scope")) && args.has("state")) {
            problems.add("scope global has no running units: use enabled or masked, not state");
        }
        return problems;
    }

    @Override
    public Footprint footprint(Args args) {
        return args.has("name") ? Footprint.on(Resource.named("service", args.string("name"))) : Footprint.UNDECLARED;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        return SystemdUnits.check(ctx, SystemdRequest.of(args));
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        return SystemdUnits.apply(ctx, SystemdRequest.of(args));
    }
}
