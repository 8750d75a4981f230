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
 * @param role the role the task came from (its variables and search path), null outside roles
 */
public record Task(String name, ModuleCall module, Expr when, String register, Object loop,
                   Integer retries, Duration delay, Expr until, Expr changedWhen, Expr failedWhen,
                   boolean ignoreErrors, boolean noLog, Become become, Duration timeout,
                   String check, String creates, String removes, Boolean checkMode, Map<String, Object> vars,
                   SourceSpan span, LoopControl loopControl, RoleScope role) {
    public Task {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(span, "span");
        become = become == null ? Become.UNSET : become;
        vars = vars == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        loopControl = loopControl == null ? LoopControl.DEFAULT : loopControl;
    }

    /** A task outside any role. */
    public Task(String name, ModuleCall module, Expr when, String register, Object loop,
                Integer retries, Duration delay, Expr until, Expr changedWhen, Expr failedWhen,
                boolean ignoreErrors, boolean noLog, Become become, Duration timeout,
                String check, String creates, String removes, Boolean checkMode, Map<String, Object> vars,
                SourceSpan span, LoopControl loopControl) {
        this(name, module, when, register, loop, retries, delay, until, changedWhen, failedWhen, ignoreErrors, noLog,
                become, timeout, check, creates, removes, checkMode, vars, span, loopControl, null);
    }

    /**
     * This task inside a role or an import: {@code role} set unless the task already belongs to
     * one (a role included from a role keeps its own), and the keywords {@code from} hands down.
     */
    public Task within(RoleScope role, Inherited from) {
        Map<String, Object> v = vars;
        if (!from.vars().isEmpty()) {
            v = new LinkedHashMap<>(from.vars());
            v.putAll(vars);
        }
        return new Task(name, module, Inherited.and(from.when(), when), register, loop, retries, delay, until,
                changedWhen, failedWhen, ignoreErrors || from.ignoreErrors(), noLog || from.noLog(),
                from.become().overriddenBy(become), timeout, check, creates, removes,
                checkMode != null ? checkMode : from.checkMode(), v, span, loopControl, this.role != null ? this.role : role);
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

    /**
     * The name shown in output: the given name, else "module: first words of its args"; a role's
     * task is prefixed with the role's name, as Ansible shows it ({@code nginx : Write the config}).
     */
    public String displayName() {
        String own;
        if (name != null && !name.isBlank()) {
            own = name;
        } else {
            Object raw = module.args().get(ModuleCall.FREE_FORM);
            own = raw != null ? module.module() + ": " + raw : module.module();
        }
        return role == null ? own : role.name() + " : " + own;
    }
}
