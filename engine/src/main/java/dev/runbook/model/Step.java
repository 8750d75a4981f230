package dev.runbook.model;

import dev.runbook.diag.SourceSpan;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node of the DAG: tasks run in order on each host once every need is done.
 *
 * @param roles     what the step's roles give all its tasks (defaults, vars, role names)
 * @param discovery a read-only step that finds facts (paths, database names) other steps use: it
 *                  runs before every other step, in plans too, and whatever --only or --from select
 */
public record Step(String id, List<String> needs, RunPolicy run, Expr when, List<Task> tasks,
                   Map<String, Object> vars, boolean runOnce, Become become, Duration timeout,
                   int retries, SourceSpan span, boolean discovery, StepRoles roles) {
    public Step {
        roles = roles == null ? StepRoles.NONE : roles;
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(span, "span");
        needs = List.copyOf(needs);
        run = run == null ? RunPolicy.ON_SUCCESS : run;
        tasks = List.copyOf(tasks);
        vars = vars == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        become = become == null ? Become.UNSET : become;
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0 in step " + id);
        }
    }

    /** A step without roles. */
    public Step(String id, List<String> needs, RunPolicy run, Expr when, List<Task> tasks, Map<String, Object> vars,
                boolean runOnce, Become become, Duration timeout, int retries, SourceSpan span, boolean discovery) {
        this(id, needs, run, when, tasks, vars, runOnce, become, timeout, retries, span, discovery, StepRoles.NONE);
    }

    /** A step that is not a discovery step. */
    public Step(String id, List<String> needs, RunPolicy run, Expr when, List<Task> tasks, Map<String, Object> vars,
                boolean runOnce, Become become, Duration timeout, int retries, SourceSpan span) {
        this(id, needs, run, when, tasks, vars, runOnce, become, timeout, retries, span, false);
    }
}
