package dev.runbook.modules.system;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One package the package manager would touch.
 *
 * @param action install, upgrade, downgrade, reinstall or remove
 * @param from   the installed version, or null (new install, or a manager that does not say)
 * @param to     the version it would end at, or null for a removal
 */
public record PackageChange(String name, String action, String from, String to) {

    /** As registered: {name, action, from?, to?}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("action", action);
        if (from != null) {
            m.put("from", from);
        }
        if (to != null) {
            m.put("to", to);
        }
        return m;
    }

    /** "nginx (1.22.1)", "bash 5.2.15-2+b8 → 5.2.15-2+b13", "curl". */
    public String describe() {
        if (action.equals("remove")) {
            return name;
        }
        if (from != null && to != null) {
            return name + " " + from + " → " + to;
        }
        return to == null ? name : name + " (" + to + ")";
    }

    /** The changes, each package once (its first change), in order. */
    static List<PackageChange> distinct(List<PackageChange> changes) {
        Set<String> seen = new LinkedHashSet<>();
        return changes.stream().filter(c -> seen.add(c.name())).toList();
    }
}
