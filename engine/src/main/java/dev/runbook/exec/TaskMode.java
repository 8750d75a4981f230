package dev.runbook.exec;

import dev.runbook.event.RunEvent.Mode;
import dev.runbook.modules.Module;

/** How one task's module is called, from the run's mode, the module and the task's {@code check_mode}. */
enum TaskMode {
    /** Apply: probe again, then change. */
    APPLY,
    /** Plan: the module's read-only check, unless an earlier predicted change makes it stale. */
    PREDICT,
    /** Plan: a controller-side module (debug, set_fact, assert, fail) runs exactly as in apply. */
    RUN_ON_CONTROLLER,
    /** Plan, {@code check_mode: false}: runs for real; its author vouches that it only reads. */
    RUN_READ_ONLY,
    /** Apply, {@code check_mode: true}: only checked, never changes the host. */
    CHECK_ONLY;

    static TaskMode of(Mode mode, Module module, Boolean checkMode) {
        if (module.isControllerOnly()) {
            return mode == Mode.PLAN ? RUN_ON_CONTROLLER : APPLY;
        }
        if (mode == Mode.PLAN) {
            return Boolean.FALSE.equals(checkMode) ? RUN_READ_ONLY : PREDICT;
        }
        return Boolean.TRUE.equals(checkMode) ? CHECK_ONLY : APPLY;
    }

    /** True when the module sees check mode: it must only read, through a guarded connection. */
    boolean checkMode() {
        return this == PREDICT || this == RUN_ON_CONTROLLER || this == CHECK_ONLY;
    }
}
