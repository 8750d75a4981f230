package dev.runbook.parse;

import dev.runbook.model.StepRoles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The roles of one step while it is read: which uses of roles already put their tasks in (a role
 * used again the same way runs once, unless it allows duplicates, as Ansible runs a role once
 * per play), the roles whose defaults and vars every task of the step sees, and the roles' handlers.
 */
final class StepRoleSession {
    private final Set<String> done = new HashSet<>();
    private final List<LoadedRole> exported = new ArrayList<>();
    private final List<TaskParser.Parsed> handlers = new ArrayList<>();

    /** True the first time this use of a role runs in the step (always for one that allows duplicates). */
    boolean firstRun(LoadedRole role) {
        return done.add(role.key()) || role.allowDuplicates();
    }

    /** A handler of a role the step runs (the role's variables already given to it). */
    void handler(TaskParser.Parsed handler) {
        handlers.add(handler);
    }

    /** The handlers of the step's roles, in the order the roles ran. */
    List<TaskParser.Parsed> handlers() {
        return List.copyOf(handlers);
    }

    void export(LoadedRole role) {
        exported.add(role);
    }

    /** What the step's exported roles give all its tasks, merged in order as Ansible merges a play's roles. */
    StepRoles result() {
        if (exported.isEmpty()) {
            return StepRoles.NONE;
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        Map<String, Object> vars = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        Set<String> all = new LinkedHashSet<>();
        for (LoadedRole r : exported) {
            defaults.putAll(r.defaultVars(List.of()));
            vars.putAll(r.allVars(List.of(), false));
            names.add(r.name());
            r.allDependencies().forEach(d -> all.add(d.name()));
        }
        all.addAll(names);
        return new StepRoles(defaults, vars, names, List.copyOf(all));
    }
}
