package dev.runbook.modules.system;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one probe of a systemd unit saw: the properties {@code systemctl show} prints (Ansible's
 * registered {@code status}), the words and exit code of {@code systemctl is-enabled}, and
 * whether a SysV script of that name exists.
 *
 * @param showOk {@code systemctl show} answered (exit 0, not "ignoring request")
 */
record UnitProbe(Map<String, String> status, boolean showOk, String isEnabled, int isEnabledRc, boolean initd) {
    private static final Set<String> SYSTEMD_STATES = Set.of("enabled", "enabled-runtime", "linked", "linked-runtime",
            "masked", "masked-runtime", "static", "indirect", "disabled", "generated", "transient");

    UnitProbe {
        status = Collections.unmodifiableMap(new LinkedHashMap<>(status));
        isEnabled = isEnabled == null ? "" : isEnabled.strip();
    }

    /** Parses the output of {@link Systemctl#probe}. */
    static UnitProbe parse(String out) {
        StringBuilder show = new StringBuilder();
        StringBuilder enabled = new StringBuilder();
        int showRc = -1;
        int enabledRc = -1;
        boolean initd = false;
        StringBuilder current = show;
        for (String line : out.split("\n", -1)) {
            if (line.startsWith("@@show ")) {
                showRc = rc(line);
                current = enabled;
            } else if (line.startsWith("@@is-enabled ")) {
                enabledRc = rc(line);
                current = null;
            } else if (line.equals("@@initd")) {
                initd = true;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        String showText = show.toString();
        boolean ignored = !showText.contains("=") && (showText.contains("ignoring request") || showText.contains("ignoring command"));
        boolean ok = showRc == 0 && !ignored;
        return new UnitProbe(ok ? parseShow(showText) : Map.of(), ok, enabled.toString(), enabledRc, initd);
    }

    private static int rc(String line) {
        try {
            return Integer.parseInt(line.substring(line.indexOf(' ') + 1).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * {@code systemctl show} as Ansible reads it: {@code key=value} lines; an {@code Exec*}
     * value opened with '{' and not closed on its line goes on until a line ending in '}'.
     */
    static Map<String, String> parseShow(String text) {
        Map<String, String> parsed = new LinkedHashMap<>();
        String key = null;
        StringBuilder multi = new StringBuilder();
        for (String line : text.split("\n")) {
            if (key == null) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String k = line.substring(0, eq);
                String v = line.substring(eq + 1);
                if (k.startsWith("Exec") && v.stripLeading().startsWith("{") && !v.stripTrailing().endsWith("}")) {
                    key = k;
                    multi.setLength(0);
                    multi.append(v);
                    continue;
                }
                parsed.put(k, v.strip());
            } else {
                multi.append('\n').append(line);
                if (line.stripTrailing().endsWith("}")) {
                    parsed.put(key, multi.toString().strip());
                    key = null;
                }
            }
        }
        return parsed;
    }

    /** systemd knows the unit (a unit file, a generated unit, or one masked before it existed). */
    boolean systemd() {
        if (showOk) {
            return !status.getOrDefault("LoadState", "not-found").equals("not-found");
        }
        return SYSTEMD_STATES.contains(isEnabled);
    }

    boolean found() {
        return systemd() || initd;
    }

    boolean masked() {
        return isEnabled.equals("masked") || isEnabled.equals("masked-runtime");
    }

    /** Starts at boot, as Ansible reads is-enabled: exit 0, except indirect and alias. */
    boolean enabled() {
        return isEnabledRc == 0 && !isEnabled.equals("indirect") && !isEnabled.equals("alias");
    }

    /**
     * Boot start is not the unit's own setting (no [Install] section, generated or transient):
     * {@code systemctl disable} does nothing for it.
     */
    boolean bootStartFixed() {
        return isEnabled.equals("static") || isEnabled.equals("generated") || isEnabled.equals("transient");
    }

    String activeState() {
        return status.getOrDefault("ActiveState", "");
    }

    /** Ansible's is_running_service: active or activating. */
    boolean running() {
        String a = activeState();
        return a.equals("active") || a.equals("activating");
    }

    boolean deactivating() {
        return activeState().equals("deactivating");
    }

    /** A unit file systemd could not load (a syntax error), unless masked. */
    String loadError() {
        boolean maskedLoad = status.getOrDefault("LoadState", "").equals("masked");
        return systemd() && !maskedLoad && status.containsKey("LoadError") ? status.get("LoadError") : null;
    }
}
