package dev.runbook.model;

import dev.runbook.diag.SourceSpan;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A module and its arguments as written. Values are plain YAML data (String, Long, Double,
 * Boolean, List, Map, null); strings may hold {{ templates }} rendered at run time. A free-form
 * string ({@code shell: echo hi}) is stored under {@link #FREE_FORM}.
 */
public record ModuleCall(String module, Map<String, Object> args, Map<String, SourceSpan> argSpans, SourceSpan span) {
    public static final String FREE_FORM = "_raw_params";

    public ModuleCall {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(span, "span");
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
        argSpans = Map.copyOf(argSpans);
    }

    public SourceSpan spanOf(String arg) {
        return argSpans.getOrDefault(arg, span);
    }
}
