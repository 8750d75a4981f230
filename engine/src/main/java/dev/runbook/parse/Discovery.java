package dev.runbook.parse;

import dev.runbook.diag.Diagnostic;
import dev.runbook.diag.Diagnostics;
import dev.runbook.diag.SourceSpan;
import dev.runbook.model.RunPolicy;
import dev.runbook.model.Task;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleRegistry;
import java.util.List;

/**
 * The rules of a {@code discovery: true} step: it runs before everything, in plans too, so every
 * task in it must only read — a module that never changes anything (stat, slurp, debug, a GET),
 * or a task whose author vouches for it with {@code check_mode: false}.
 */
final class Discovery {
    private Discovery() {
    }

    static void check(String stepId, SourceSpan span, RunPolicy run, List<Task> tasks, ModuleRegistry modules, Diagnostics diags) {
        for (Task t : tasks) {
            if (vouched(t)) {
                continue;
            }
            boolean readOnly = modules.find(t.module().module()).map(m -> readOnly(m, t)).orElse(true);
            if (!readOnly) {
                diags.add(Diagnostic.error(t.span(), "task '" + t.displayName() + "' of discovery step '" + stepId
                        + "' may change the host ('" + t.module().module() + "' with these arguments is not known to only read)",
                        "a discovery step runs first, in plans too, so it may only read")
                        .withSuggestion("move the task to another step, or add 'check_mode: false' if it only reads"));
            }
        }
        if (run != RunPolicy.ON_SUCCESS) {
            diags.add(Diagnostic.error(span,
                    "discovery step '" + stepId + "' cannot have 'run: " + run.yaml() + "'",
                    "a discovery step always runs first").withSuggestion("remove 'run' or 'discovery'"));
        }
    }

    private static boolean readOnly(Module m, Task t) {
        return m.isReadOnly(t.module().args());
    }

    /** A task its author marked as only reading: {@code check_mode: false} (it runs in plans too). */
    static boolean vouched(Task t) {
        return Boolean.FALSE.equals(t.checkMode());
    }
}
