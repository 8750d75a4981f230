package dev.runbook.modules.core;

import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sets host variables for the rest of the run (above step and task vars, below {@code -e}).
 * Its result holds them under {@value #FACTS}, which the engine merges into the host's facts.
 */
public final class SetFact implements Module {
    public static final String FACTS = "ansible_facts";
    private static final ModuleSpec SPEC = new ModuleSpec("set_fact",
            "Sets variables on the host for the tasks and steps that follow. Every argument is a variable name.",
            List.of(ArgSpec.optional(Args.ANY_NAME, ArgType.ANY, null, "Any other name: a variable to set, with its value (templates allowed)."),
                    ArgSpec.optional("cacheable", ArgType.BOOL, false, "Accepted for Ansible compatibility; facts last for the run.")),
            false, "set_fact:\n    backup_file: \"/backup/shop-{{ ansible_date_time.date }}-{{ runbook_run_id }}.sql.gz\"");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public boolean isControllerOnly() {
        return true;
    }

    @Override
    public Set<String> factNames(Map<String, Object> args) {
        Set<String> names = new LinkedHashSet<>(args.keySet());
        names.remove("cacheable");
        return names;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) {
        ModuleResult r = apply(ctx, args);
        return new Change(ChangeKind.NONE, r.msg(), null, r.data(), null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) {
        Map<String, Object> facts = new LinkedHashMap<>(args.asMap());
        facts.remove("cacheable");
        return new ModuleResult(false, false, "set " + String.join(", ", facts.keySet()), Map.of(FACTS, facts), null);
    }
}
