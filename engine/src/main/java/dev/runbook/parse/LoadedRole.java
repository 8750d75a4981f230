package dev.runbook.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One role as loaded for one way of using it (its parameters, vars and {@code *_from} files): its
 * own defaults and vars files, its dependencies, and Ansible's rules for what its tasks see,
 * followed literally (ansible-core's {@code Role.get_default_vars}, {@code get_vars},
 * {@code get_role_params}), because real roles rely on their quirks. {@code chain} is the
 * dependency chain of a task: the roles that depend on this one, outermost first, then this one.
 *
 * @param defaults  {@code defaults/main.yml} (or {@code defaults_from})
 * @param roleVars  {@code vars/main.yml} (or {@code vars_from})
 * @param vars      the {@code vars:} given where the role is used
 * @param params    the role parameters given where the role is used ({@code - {role: x, port: 80}})
 * @param tasksFile the task file to run, null when the role has none
 * @param key       what tells two uses of a role apart (name, parameters, vars, condition, files)
 */
record LoadedRole(String name, Path path, Map<String, Object> defaults, Map<String, Object> roleVars,
                  Map<String, Object> vars, Map<String, Object> params, List<LoadedRole> deps,
                  boolean allowDuplicates, Path tasksFile, Path handlersFile, String key) {

    /** Every dependency, depth first, each after its own dependencies (Ansible's get_all_dependencies). */
    List<LoadedRole> allDependencies() {
        List<LoadedRole> out = new ArrayList<>();
        for (LoadedRole dep : deps) {
            out.addAll(dep.allDependencies());
            out.add(dep);
        }
        return out;
    }

    Map<String, Object> defaultVars(List<LoadedRole> chain) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (LoadedRole dep : allDependencies()) {
            out.putAll(dep.defaultVars(List.of()));
        }
        for (LoadedRole parent : chain) {
            out.putAll(parent.defaults);
        }
        out.putAll(defaults);
        return out;
    }

    Map<String, Object> allVars(List<LoadedRole> chain, boolean includeParams) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (LoadedRole parent : chain) {
            out.putAll(parent.vars);
            out.putAll(parent.roleVars);
        }
        for (LoadedRole dep : allDependencies()) {
            out.putAll(dep.allVars(List.of(), includeParams));
        }
        out.putAll(vars);
        out.putAll(roleVars);
        if (includeParams) {
            out.putAll(roleParams(chain));
        }
        return out;
    }

    Map<String, Object> roleParams(List<LoadedRole> chain) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (LoadedRole parent : chain) {
            out.putAll(parent.params);
        }
        out.putAll(params);
        return out;
    }
}
