package dev.runbook.modules.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the probes saw of one service.
 *
 * @param installed the service manager knows it
 * @param active    it is running
 * @param enabled   it starts at boot; null when that cannot be changed (a static systemd unit)
 */
record ServiceStatus(boolean installed, boolean active, Boolean enabled) {

    /**
     * What to run to reach {@code state} and {@code enabled} (either may be null: leave as is), in
     * order. Restarted and reloaded always act; reloading a stopped service starts it.
     */
    List<String> actions(String state, Boolean wantEnabled) {
        List<String> out = new ArrayList<>();
        if (state != null) {
            switch (state) {
                case "started" -> add(out, !active, "start");
                case "stopped" -> add(out, active, "stop");
                case "restarted" -> out.add(active ? "restart" : "start");
                case "reloaded" -> out.add(active ? "reload" : "start");
                default -> throw new IllegalArgumentException("unknown service state '" + state + "'");
            }
        }
        if (wantEnabled != null && enabled != null && !wantEnabled.equals(enabled)) {
            out.add(wantEnabled ? "enable" : "disable");
        }
        return out;
    }

    private static void add(List<String> out, boolean when, String action) {
        if (when) {
            out.add(action);
        }
    }

    Map<String, Object> toMap(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("state", active ? "started" : "stopped");
        if (enabled != null) {
            m.put("enabled", enabled);
        }
        return m;
    }
}
