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
 * @param tasks     every task of the step in file order, those inside blocks (block, rescue, always)
 *                  included; a task's position here is its index in events and the journal
 * @param flow      how the tasks run: blocks, flush points and handlers ({@link TaskFlow#sequential}
 *                  when the step has none)
 */
public record Step(String id, List<String> needs, RunPolicy run, Expr when, List<Task> tasks,
                   Map<String, Object> vars, boolean runOnce, Become become, Duration timeout,
                   int retries, SourceSpan span, boolean discovery, StepRoles roles, TaskFlow flow) {
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
        flow = flow == null ? TaskFlow.sequential(tasks.size()) : flow;
        for (int i : TaskFlow.indices(flow.body())) {
            if (i >= tasks.size()) {
                throw new IllegalArgumentException("step " + id + " runs task " + i + " of " + tasks.size());
            }
        }
    }

    /** A step without blocks or handlers. */
    public Step(String id, List<String> needs, RunPolicy run, Expr when, List<Task> tasks, Map<String, Object> vars,
                boolean runOnce, Become become, Duration timeout, int retries, SourceSpan span, boolean discovery,
                StepRoles roles) {
        this(id, needs, run, when, tasks, vars, runOnce, become, timeout, retries, span, discovery, roles, null);
    }

    /** A step without roles, blocks or handlers. */
    public Step(String id, List<String> needs, RunPolicy run, Expr when, List<Task> tasks, Map<String, Object> vars,
                boolean runOnce, Become become, Duration timeout, int retries, SourceSpan span, boolean discovery) {
        this(id, needs, run, when, tasks, vars, runOnce, become, timeout, retries, span, discovery, StepRoles.NONE, null);
    }

    /** A step that is not a discovery step. */
    public Step(String id, List<String> needs, RunPolicy run, Expr when, List<Task> tasks, Map<String, Object> vars,
                boolean runOnce, Become become, Duration timeout, int retries, SourceSpan span) {
        this(id, needs, run, when, tasks, vars, runOnce, become, timeout, retries, span, false);
    }

    /**
     * The task behind an index of events and the journal: a task of {@link #tasks()}, or the run
     * of a handler at a flush point (see {@link TaskFlow}); null when there is none.
     */
    public Task taskAt(int index) {
        if (index < 0) {
            return null;
        }
        if (index < tasks.size()) {
            return tasks.get(index);
        }
        int h = flow.handlers().size();
        int rel = index - tasks.size();
        return h == 0 || rel >= h * flow.flushPoints() ? null : flow.handlers().get(rel % h).task();
    }

    /** The index of handler {@code handler}'s run at flush point {@code point}. */
    public int handlerRunIndex(int point, int handler) {
        return tasks.size() + point * flow.handlers().size() + handler;
    }

    /** Every index {@link #taskAt} resolves: tasks, then each handler at each flush point. */
    public int indexCount() {
        return tasks.size() + flow.handlers().size() * flow.flushPoints();
    }
}
