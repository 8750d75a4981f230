package dev.runbook.modules.system;

import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's systemd module, shared by {@code systemd}/{@code systemd_service} and by
 * {@code service} on systemd hosts: daemon-reload/daemon-reexec first, then mask or unmask, then
 * enable or disable, then start, stop, restart or reload, each only when the probe says it is
 * needed (restarted and reloaded always act). The registered {@code status} is the unit's
 * {@code systemctl show} properties from before the change, as in Ansible.
 */
final class SystemdUnits {
    private SystemdUnits() {
    }

    /** What the actions are, from one probe. {@code enabledKnown} is false when an unmask hides the answer. */
    record Decision(List<String> actions, boolean enabledKnown, Map<String, Object> result) {
    }

    static UnitProbe probe(ModuleContext ctx, SystemdRequest req) throws ConnectionException, InterruptedException {
        CommandResult r = ctx.run(CommandRequest.readOnly(req.systemctl().probe(req.name())));
        return UnitProbe.parse(r.stdout());
    }

    static Decision decide(SystemdRequest req, UnitProbe p) {
        List<String> actions = new ArrayList<>();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", req.name());
        result.put("status", p.status());
        boolean enabledKnown = true;
        if (req.masked() != null && req.masked() != p.masked()) {
            actions.add(req.masked() ? "mask" : "unmask");
            enabledKnown = req.masked();
        }
        Boolean enabled = p.systemd() || p.initd() ? p.enabled() : null;
        if (req.enabled() != null && !enabledKnown) {
            enabled = null; // is-enabled says "masked" until the unmask: what lies beneath is seen only then
        } else if (req.enabled() != null) {
            boolean now = p.enabled() && !(req.masked() == Boolean.TRUE);
            if (now != req.enabled() && !(now && p.bootStartFixed())) {
                actions.add(req.enabled() ? "enable" : "disable");
                now = req.enabled();
            }
            enabled = now;
        }
        if (enabled != null) {
            result.put("enabled", enabled);
        }
        String stateAction = stateAction(req.state(), p);
        if (stateAction != null) {
            actions.add(stateAction);
        }
        boolean runs = req.state() == null ? p.running() : !req.state().equals("stopped");
        result.put("state", runs ? "started" : "stopped");
        result.put("actions", List.copyOf(actions));
        return new Decision(List.copyOf(actions), enabledKnown || req.enabled() == null, result);
    }

    /** Ansible's rule: started/stopped act when needed, restarted/reloaded start a stopped unit. */
    static String stateAction(String state, UnitProbe p) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case "started" -> p.running() ? null : "start";
            case "stopped" -> p.running() || p.deactivating() ? "stop" : null;
            case "restarted", "reloaded" -> p.running() ? state.substring(0, state.length() - 2) : "start";
            default -> throw new IllegalArgumentException("unknown state '" + state + "'");
        };
    }

    static Change check(ModuleContext ctx, SystemdRequest req) throws ModuleException, ConnectionException, InterruptedException {
        String reload = req.daemonReload() ? " (after systemctl daemon-reload)" : "";
        if (req.name() == null) {
            return Change.none("would run systemctl " + (req.daemonReload() ? "daemon-reload" : "daemon-reexec")
                    + " (not a change of any unit)").withResult(Map.of("changed", false, "name", "", "status", Map.of()));
        }
        UnitProbe p = probe(ctx, req);
        failOnLoadError(req, p);
        if (!p.found() && (req.state() != null || req.enabled() != null)) {
            // an earlier step of the run may install it
            return Change.unknown(req.name() + " is not installed yet (no systemd unit " + req.name() + ")" + reload);
        }
        Decision d = decide(req, p);
        if (d.actions().isEmpty()) {
            Map<String, Object> result = new LinkedHashMap<>(d.result());
            result.put("changed", false);
            return Change.none(req.name() + " is " + describe(p, req) + reload).withResult(result);
        }
        String summary = "would " + String.join(", ", d.actions()) + " " + req.name() + reload
                + (d.enabledKnown() ? "" : ", then " + (req.enabled() ? "enable" : "disable") + " it if needed");
        Change c = Change.of(ChangeKind.CHANGE, summary);
        if (d.enabledKnown()) {
            Map<String, Object> result = new LinkedHashMap<>(d.result());
            result.put("changed", true);
            c = c.withResult(result);
        }
        return c;
    }

    static ModuleResult apply(ModuleContext ctx, SystemdRequest req) throws ModuleException, ConnectionException, InterruptedException {
        if (req.daemonReload()) {
            run(ctx, req, "daemon-reload", null, "failure %d during daemon-reload: %s");
        }
        if (req.daemonReexec()) {
            run(ctx, req, "daemon-reexec", null, "failure %d during daemon-reexec: %s");
        }
        if (req.name() == null) {
            return new ModuleResult(false, false, "ran systemctl " + (req.daemonReload() ? "daemon-reload" : "daemon-reexec"),
                    Map.of("name", "", "status", Map.of()), null);
        }
        UnitProbe p = probe(ctx, req);
        failOnLoadError(req, p);
        if ((req.state() != null || req.enabled() != null) && !p.found()) {
            throw missing(req);
        }
        List<String> done = new ArrayList<>();
        Map<String, Object> first = decide(req, p).result();
        if (req.masked() != null && req.masked() != p.masked()) {
            String action = req.masked() ? "mask" : "unmask";
            CommandResult r = ctx.run(CommandRequest.of(req.systemctl().command(action, req.name())));
            if (r.exitCode() != 0) {
                throw p.found() ? failure(action, req.name(), r) : missing(req);
            }
            done.add(action);
            p = probe(ctx, req);
        }
        Decision d = decide(new SystemdRequest(req.name(), req.state(), req.enabled(), null, false, false, req.systemctl()), p);
        for (String action : d.actions()) {
            CommandResult r = ctx.run(CommandRequest.of(req.systemctl().command(action, req.name())));
            if (r.exitCode() != 0) {
                throw failure(action, req.name(), r);
            }
            done.add(action);
        }
        verify(ctx, req, d.actions());
        Map<String, Object> data = new LinkedHashMap<>(d.result());
        data.put("status", first.get("status"));
        data.put("actions", List.copyOf(done));
        String msg = done.isEmpty() ? req.name() + " is " + describe(p, req)
                : String.join(", ", done.stream().map(SystemdUnits::past).toList()) + " " + req.name();
        return new ModuleResult(!done.isEmpty(), false, msg, data, null);
    }

    /** A unit that was started must not have failed at once (systemctl start of a simple service returns at fork). */
    private static void verify(ModuleContext ctx, SystemdRequest req, List<String> actions)
            throws ModuleException, ConnectionException, InterruptedException {
        boolean started = actions.stream().anyMatch(a -> a.equals("start") || a.equals("restart") || a.equals("reload"));
        if (!started || req.systemctl().noBlock()) {
            return;
        }
        UnitProbe after = probe(ctx, req);
        if (after.activeState().equals("failed")) {
            throw new ModuleException(req.name() + " failed after " + String.join(", ", actions) + " (check its logs: journalctl -u "
                    + req.name() + ")");
        }
    }

    private static void run(ModuleContext ctx, SystemdRequest req, String action, String unit, String format)
            throws ModuleException, ConnectionException, InterruptedException {
        CommandResult r = ctx.run(CommandRequest.of(req.systemctl().command(action, unit)));
        if (r.exitCode() != 0) {
            throw new ModuleException(String.format(format, r.exitCode(), r.stderr().strip()));
        }
    }

    private static void failOnLoadError(SystemdRequest req, UnitProbe p) throws ModuleException {
        if (p.loadError() != null) {
            throw new ModuleException("Error loading unit file '" + req.name() + "': " + p.loadError());
        }
    }

    private static ModuleException missing(SystemdRequest req) {
        return new ModuleException("Could not find the requested service " + req.name() + ": host");
    }

    private static ModuleException failure(String action, String name, CommandResult r) {
        String out = (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
        return new ModuleException("Unable to " + action + " service " + name + ": " + out);
    }

    private static String describe(UnitProbe p, SystemdRequest req) {
        String enabled = p.masked() ? ", masked" : p.bootStartFixed() ? ", " + p.isEnabled() : p.enabled() ? ", enabled" : ", disabled";
        return (p.running() ? "running" : "stopped") + (p.found() ? enabled : "");
    }

    private static String past(String action) {
        return switch (action) {
            case "stop" -> "stopped";
            case "enable", "disable" -> action + "d";
            case "mask", "unmask" -> action + "ed";
            default -> action + "ed";
        };
    }
}
