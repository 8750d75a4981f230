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
import java.util.List;
import java.util.Map;

/** Fails the task unless every condition holds. Evaluated the same way in plan mode. */
public final class Assert implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("assert",
            "Checks that conditions hold (Jinja2 expressions, like when:); fails the task on the first that does not.",
            List.of(ArgSpec.required("that", ArgType.LIST, "Conditions that must all be true."),
                    ArgSpec.optional("fail_msg", ArgType.STRING, null, "Message when a condition is false.").withAliases("msg"),
                    ArgSpec.optional("success_msg", ArgType.STRING, "All assertions passed", "Message when all hold."),
                    ArgSpec.optional("quiet", ArgType.BOOL, false, "Show less output.")),
            false, "assert:\n    that:\n      - php_version is version('8.0', '>=')\n    fail_msg: OpenCart 4 needs PHP 8");

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
        ModuleResult r = apply(ctx, args);
        if (r.failed()) {
            throw new ModuleException(r.msg());
        }
        return new Change(ChangeKind.NONE, r.msg(), null, r.data(), null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException {
        for (String cond : args.strings("that")) {
            String bare = cond.strip();
            if (bare.startsWith("{{") && bare.endsWith("}}")) {
                bare = bare.substring(2, bare.length() - 2).strip();
            }
            if (!ctx.test(bare)) {
                String msg = args.has("fail_msg") ? args.string("fail_msg") : "Assertion failed: " + bare;
                return new ModuleResult(false, true, msg, Map.of("assertion", bare, "evaluated_to", false), null);
            }
        }
        return new ModuleResult(false, false, args.string("success_msg"), Map.of(), null);
    }
}
