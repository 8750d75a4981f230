package dev.runbook.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variables layered by precedence, lowest first. The documented order (docs/variables.md):
 * role defaults &lt; runbook vars &lt; group_vars (parent before child) &lt; host_vars and
 * inventory host vars &lt; step vars &lt; role vars &lt; task vars &lt; registered results and
 * set_fact &lt; role parameters &lt; extra vars ({@code -e}).
 * Immutable: {@link #with} returns a new scope. Top-level keys are replaced, not deep-merged,
 * as in Ansible's default {@code hash_behaviour = replace}.
 */
public final class VarScope {
    public enum Layer {
        ROLE_DEFAULTS, RUNBOOK, INVENTORY_GROUP, INVENTORY_HOST, STEP, ROLE_VARS, TASK,
        /** Variables loaded by include_vars: above task vars, below set_fact and registered results (Ansible's order). */
        INCLUDED,
        FACTS, ROLE_PARAMS, EXTRA
    }

    private final Map<Layer, Map<String, Object>> layers;

    private VarScope(Map<Layer, Map<String, Object>> layers) {
        this.layers = layers;
    }

    public static VarScope empty() {
        return new VarScope(Map.of());
    }

    public VarScope with(Layer layer, Map<String, Object> vars) {
        Map<Layer, Map<String, Object>> copy = new java.util.EnumMap<>(Layer.class);
        copy.putAll(layers);
        copy.put(layer, Collections.unmodifiableMap(new LinkedHashMap<>(vars)));
        return new VarScope(copy);
    }

    public Map<String, Object> layer(Layer layer) {
        return layers.getOrDefault(layer, Map.of());
    }

    /** The merged view: for each name, the value from the highest layer that has it. */
    public Map<String, Object> flatten() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Layer> order = new ArrayList<>(List.of(Layer.values()));
        for (Layer l : order) {
            Map<String, Object> m = layers.get(l);
            if (m != null) {
                out.putAll(m);
            }
        }
        return out;
    }
}
