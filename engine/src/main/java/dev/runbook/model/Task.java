package dev.runbook.model;

import dev.runbook.diag.SourceSpan;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One task, Ansible-style. Optional fields are null when not given. {@code loop} is either a
 * List of values or a String template that renders to a list.
 *
 * @param loopControl how loop items are named, labelled and paced ({@link LoopControl#DEFAULT} without loop_control)
 * @param check a read-only probe command for {@code command}/{@code shell}: tells dry-run whether
 *              the task would change anything (exit 0 = would change, 1 = nothing to do)
 * @param checkMode Ansible's {@code check_mode}: false runs the task for real in plans too (its
 *                  author vouches that it only reads), true only checks it in apply too; null: as the run
 */
public record Task(String name, ModuleCall module, Expr when, String register, Object loop,
                   Integer retries, Duration delay, Expr until, Expr changedWhen, Expr failedWhen,
                   boolean ignoreErrors, boolean noLog, Become become, Duration timeout,
                   String check, String creates, String removes, Boolean checkMode, Map<String, Object> vars,
                   SourceSpan span, LoopControl loopControl) {
    public Task {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(span, "span");
        become = become == null ? Become.UNSET : become;
        vars = vars == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        loopControl = loopControl == null ? LoopControl.DEFAULT : loopControl;
    }

    /** A task without loop_control. */
    public Task(String name, ModuleCall module, Expr when, String register, Object loop,
                Integer retries, Duration delay, Expr until, Expr changedWhen, Expr failedWhen,
                boolean ignoreErrors, boolean noLog, Become become, Duration timeout,
                String check, String creates, String removes, Boolean checkMode, Map<String, Object> vars,
                SourceSpan span) {
        this(name, module, when, register, loop, retries, delay, until, changedWhen, failedWhen, ignoreErrors, noLog,
                become, timeout, check, creates, removes, checkMode, vars, span, null);
    }

    /** The name shown in output: the given name, else "module: first words of its args". */
    public String displayName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        Object raw = module.args().get(ModuleCall.FREE_FORM);
        return raw != null ? module.module() + ": " + raw : module.module();
    }
}
