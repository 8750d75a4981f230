package dev.runbook.exec;

import dev.runbook.event.RunEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a run goes: plan or apply, with diffs or not, {@code forks} tasks in flight at most across
 * all hosts, the extra variables, which steps, and the password from --ask-become-pass (used when
 * a host has no ansible_become_password). {@code forceHandlers} (--force-handlers, ansible.cfg's
 * force_handlers): notified handlers run even when a later task of the step fails, unless a step
 * says otherwise.
 */
public record RunChoices(RunEvent.Mode mode, boolean diff, int forks, Map<String, Object> extraVars, StepFilter steps,
                         String becomePassword, boolean forceHandlers) {
    public RunChoices {
        Objects.requireNonNull(mode, "mode");
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1");
        }
        extraVars = extraVars == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraVars));
        steps = steps == null ? StepFilter.ALL : steps;
    }

    /** Without --force-handlers. */
    public RunChoices(RunEvent.Mode mode, boolean diff, int forks, Map<String, Object> extraVars, StepFilter steps,
                      String becomePassword) {
        this(mode, diff, forks, extraVars, steps, becomePassword, false);
    }

    @Override
    public String toString() {
        return "RunChoices[mode=" + mode + ", forks=" + forks + "]"; // no secrets
    }
}
