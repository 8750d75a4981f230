package dev.runbook.modules.system;

import dev.runbook.modules.Args;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleException;
import java.util.List;

/** Checks shared by the system and network modules. */
public final class Checks {
    private Checks() {
    }

    /**
     * Runs the module's own validation again at run time: arguments given as templates are only
     * known once rendered, and a mistake in them must be a clear message, not a crash.
     */
    public static void ensureValid(Module module, Args args) throws ModuleException {
        List<String> problems = module.validate(args);
        if (!problems.isEmpty()) {
            throw new ModuleException(String.join("; ", problems));
        }
    }
}
