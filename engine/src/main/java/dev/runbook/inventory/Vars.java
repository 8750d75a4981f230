package dev.runbook.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Variable maps keep their order and may hold null (a YAML key without a value). */
final class Vars {
    private Vars() {
    }

    static Map<String, Object> frozen(Map<String, Object> vars) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    }

    /** Ansible's default merge: later keys replace earlier ones whole, dictionaries included. */
    @SafeVarargs
    static Map<String, Object> combine(Map<String, Object>... layers) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, Object> layer : layers) {
            out.putAll(layer);
        }
        return out;
    }
}
