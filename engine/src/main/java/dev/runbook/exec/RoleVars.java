package dev.runbook.exec;

import dev.runbook.model.RoleScope;
import dev.runbook.model.Step;
import dev.runbook.model.StepRoles;
import dev.runbook.model.Task;
import dev.runbook.template.VarScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables roles give a task, at Ansible's precedence: the defaults of the step's roles and
 * of the task's own role (lowest of all), their vars (above step vars), the role's parameters
 * (above registered results), and the magic variables {@code role_name}, {@code role_path},
 * {@code ansible_role_names}, {@code ansible_play_role_names}, {@code ansible_search_path}.
 */
final class RoleVars {
    private RoleVars() {
    }

    static Scope layered(Scope scope, Step step, Task task, Path baseDir) {
        StepRoles roles = step.roles();
        RoleScope own = task.role();
        Scope s = scope;
        if (!roles.isEmpty() || own != null) {
            s = s.withLayer(VarScope.Layer.ROLE_DEFAULTS, merged(roles.defaults(), own == null ? Map.of() : own.defaults()))
                    .withLayer(VarScope.Layer.ROLE_VARS, merged(roles.vars(), own == null ? Map.of() : own.vars()));
        }
        Map<String, Object> top = new LinkedHashMap<>();
        if (own != null) {
            top.putAll(own.params());
        }
        top.putAll(magic(roles, own, baseDir));
        return s.withLayer(VarScope.Layer.ROLE_PARAMS, top);
    }

    /** The directories a task's relative {@code src:} and lookup paths are searched in, before the runbook's own. */
    static List<Path> searchPath(Task task) {
        return task.role() == null ? List.of() : task.role().searchPath();
    }

    private static Map<String, Object> magic(StepRoles roles, RoleScope own, Path baseDir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ansible_role_names", roles.allRoleNames());
        m.put("ansible_play_role_names", roles.playRoleNames());
        m.put("role_names", roles.playRoleNames());
        List<String> search = new ArrayList<>();
        if (own != null) {
            m.put("role_name", own.name());
            m.put("ansible_role_name", own.name());
            m.put("role_path", own.path().toString());
            own.searchPath().forEach(p -> search.add(p.toString()));
        }
        if (!search.contains(baseDir.toString())) {
            search.add(baseDir.toString());
        }
        m.put("ansible_search_path", search);
        return m;
    }

    private static Map<String, Object> merged(Map<String, Object> low, Map<String, Object> high) {
        if (high.isEmpty()) {
            return low;
        }
        Map<String, Object> out = new LinkedHashMap<>(low);
        out.putAll(high);
        return out;
    }
}
