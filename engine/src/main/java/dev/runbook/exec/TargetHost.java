package dev.runbook.exec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host chosen for a run, with its inventory variables already merged by inventory precedence:
 * {@code groupVars} (all &lt; parent &lt; child group) and {@code hostVars} (inline and host_vars/).
 */
public record TargetHost(String name, Map<String, Object> groupVars, Map<String, Object> hostVars, List<String> groups) {
    public TargetHost {
        groupVars = Collections.unmodifiableMap(new LinkedHashMap<>(groupVars));
        hostVars = Collections.unmodifiableMap(new LinkedHashMap<>(hostVars));
        groups = List.copyOf(groups);
    }

    /** Group and host variables merged, host winning: what the connection reads. */
    public Map<String, Object> connectionVars() {
        Map<String, Object> out = new LinkedHashMap<>(groupVars);
        out.putAll(hostVars);
        return out;
    }
}
