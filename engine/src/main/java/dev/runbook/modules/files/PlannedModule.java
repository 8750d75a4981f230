package dev.runbook.modules.files;

import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import java.util.List;

/**
 * The file modules' shared shape: one {@link #decide} from fresh probes serves both answers —
 * check reports its change (a path missing on the host is {@code ?}, an earlier task may make it),
 * apply carries out its steps.
 */
abstract class PlannedModule implements Module {

    /** Probes the host and decides what to do; arguments are already validated. */
    abstract Plan decide(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException;

    @Override
    public final Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        try {
            return plan(ctx, args).change();
        } catch (MissingOnHost e) {
            return e.asChange();
        }
    }

    @Override
    public final ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        return Steps.apply(ctx, plan(ctx, args));
    }

    private Plan plan(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        List<String> problems = validate(args);
        if (!problems.isEmpty()) {
            throw new ModuleException(String.join("; ", problems));
        }
        return decide(ctx, args);
    }
}
