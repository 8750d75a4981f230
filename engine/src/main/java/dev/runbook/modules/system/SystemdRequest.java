package dev.runbook.modules.system;

import dev.runbook.modules.Args;

/**
 * One systemd task's wishes; null means "leave as it is".
 *
 * @param name  the unit, or null for a bare daemon-reload / daemon-reexec
 * @param state started, stopped, restarted or reloaded
 */
record SystemdRequest(String name, String state, Boolean enabled, Boolean masked, boolean daemonReload,
                      boolean daemonReexec, Systemctl systemctl) {

    static SystemdRequest of(Args args) {
        Systemctl ctl = new Systemctl(args.string("scope"), args.bool("no_block"), args.bool("force"));
        return new SystemdRequest(args.string("name"), args.string("state"), optional(args, "enabled"),
                optional(args, "masked"), args.bool("daemon_reload"), args.bool("daemon_reexec"), ctl);
    }

    private static Boolean optional(Args args, String name) {
        return args.has(name) ? args.bool(name) : null;
    }

    boolean startsIt() {
        return "started".equals(state) || "restarted".equals(state) || "reloaded".equals(state);
    }
}
