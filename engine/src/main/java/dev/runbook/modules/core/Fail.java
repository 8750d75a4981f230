package dev.runbook.modules.core;

import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.util.List;

/** Fails the task with a message (usually behind a when:). In plan mode it fails the same way. */
public final class Fail implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("fail",
            "Fails the task with a message; use it with when: to stop a host that is not fit to go on.",
            List.of(ArgSpec.optional("msg", ArgType.STRING, "Failed as requested from task", "The failure message.")),
            false, "fail:\n  msg: \"{{ inventory_hostname }} runs OpenCart {{ found }}, expected 3.x\"\nwhen: not found.startswith('3.')");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public boolean isControllerOnly() {
        return true;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException {
        throw new ModuleException(args.string("msg"));
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) {
        return ModuleResult.failed(args.string("msg"));
    }
}
