package dev.runbook.modules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a module did. {@code data} is what {@code register} stores (Ansible's result shape:
 * {@code rc}, {@code stdout}, {@code stdout_lines}, ...); {@code changed} and {@code failed} are
 * added to it by the engine. {@code msg} is the line shown to people.
 */
public record ModuleResult(boolean changed, boolean failed, String msg, Map<String, Object> data, String diff) {
    public ModuleResult {
        msg = msg == null ? "" : msg;
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public static ModuleResult ok(String msg) {
        return new ModuleResult(false, false, msg, Map.of(), null);
    }

    public static ModuleResult changed(String msg) {
        return new ModuleResult(true, false, msg, Map.of(), null);
    }

    public static ModuleResult failed(String msg) {
        return new ModuleResult(false, true, msg, Map.of(), null);
    }

    public ModuleResult withData(Map<String, Object> values) {
        return new ModuleResult(changed, failed, msg, values, diff);
    }

    public ModuleResult withDiff(String text) {
        return new ModuleResult(changed, failed, msg, data, text);
    }
}
