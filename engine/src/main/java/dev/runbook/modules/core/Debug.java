package dev.runbook.modules.core;

import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a message or a variable's value. Runs the same in plan mode: it only reads variables. */
public final class Debug implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("debug",
            "Shows a message or the value of a variable or expression in the output. Changes nothing.",
            List.of(ArgSpec.optional("msg", ArgType.ANY, null, "The message (templates allowed)."),
                    ArgSpec.optional("var", ArgType.STRING, null, "A variable name or expression whose value is shown, e.g. result.stdout.")),
            false, "debug:\n    msg: \"Upgrading {{ inventory_hostname }} to {{ target_version }}\"");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        return args.has("msg") && args.has("var") ? List.of("debug takes 'msg' or 'var', not both") : List.of();
    }

    @Override
    public boolean isControllerOnly() {
        return true;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException {
        ModuleResult r = apply(ctx, args);
        return new Change(ChangeKind.NONE, r.msg(), null, r.data(), null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException {
        Map<String, Object> data = new LinkedHashMap<>();
        String shown;
        if (args.has("var")) {
            String var = args.string("var");
            Object value = ctx.evaluate(var);
            data.put(var, value);
            shown = var + " = " + Values.show(value);
        } else {
            Object msg = args.has("msg") ? args.get("msg") : "Hello world!";
            data.put("msg", msg);
            shown = Values.show(msg);
        }
        return new ModuleResult(false, false, shown, data, null);
    }
}
