package dev.runbook.model;

import java.util.List;
import java.util.Map;

/**
 * What the roles of a step give every task of the step, as Ansible gives the roles of a play
 * to the whole play: the defaults and vars of each role listed in {@code roles:} or imported
 * with {@code import_role} (and of {@code include_role} with {@code public: true}), merged in
 * order, and the role names ({@code ansible_role_names}, {@code ansible_play_role_names}).
 */
public record StepRoles(Map<String, Object> defaults, Map<String, Object> vars, List<String> playRoleNames,
                        List<String> allRoleNames) {
    public static final StepRoles NONE = new StepRoles(Map.of(), Map.of(), List.of(), List.of());

    public StepRoles {
        defaults = RoleScope.frozen(defaults);
        vars = RoleScope.frozen(vars);
        playRoleNames = List.copyOf(playRoleNames);
        allRoleNames = List.copyOf(allRoleNames);
    }

    public boolean isEmpty() {
        return playRoleNames.isEmpty() && allRoleNames.isEmpty() && defaults.isEmpty() && vars.isEmpty();
    }
}
