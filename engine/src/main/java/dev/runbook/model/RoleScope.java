package dev.runbook.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The role a task came from, with the variables Ansible gives the tasks of that role: its
 * defaults (lowest precedence), its vars (above step vars), its params (above registered results),
 * and the directories relative {@code src:} and lookup paths are searched in (the role, the roles
 * that depend on it, the directory of the task file). Already merged along the dependency chain
 * when the runbook is loaded, so running a task only layers them.
 *
 * @param name       the role's name ({@code role_name})
 * @param path       the role's directory ({@code role_path})
 * @param searchPath Ansible's {@code ansible_search_path} for the task: role, dependents, task file dir
 */
public record RoleScope(String name, Path path, Map<String, Object> defaults, Map<String, Object> vars,
                        Map<String, Object> params, List<Path> searchPath) {
    public RoleScope {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        defaults = frozen(defaults);
        vars = frozen(vars);
        params = frozen(params);
        searchPath = List.copyOf(searchPath);
    }

    static Map<String, Object> frozen(Map<String, Object> m) {
        return m == null || m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
