package dev.runbook.parse;

import dev.runbook.model.Inherited;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * One use of a role, as written: in a step's {@code roles:}, in a role's {@code meta/main.yml}
 * dependencies, or by an {@code import_role} / {@code include_role} task.
 *
 * @param at        where the role's name is written (for "not found" and cycle messages)
 * @param inherited keywords handed down to every task of the role (condition, become, vars...)
 * @param vars      the {@code vars:} of the use, which become role vars (below {@code vars/main.yml})
 * @param params    other keys of a {@code roles:} entry: role parameters (above registered results)
 * @param from      {@code tasks_from}, {@code vars_from}, {@code defaults_from}, {@code handlers_from}
 * @param allowDuplicates include/import_role's {@code allow_duplicates} (true unless said); null for listed roles
 * @param exported  its defaults and vars are visible to the whole step (roles:, import_role, public include_role)
 */
record RoleUse(String name, Node at, NodeReader reader, Kind kind, Inherited inherited, Map<String, Object> vars,
               Map<String, Object> params, From from, Boolean allowDuplicates, boolean exported) {

    enum Kind { LISTED, IMPORTED, INCLUDED }

    /** Which files of the role to read instead of {@code main}; null means main. */
    record From(String tasks, String vars, String defaults, String handlers) {
        static final From MAIN = new From(null, null, null, null);
    }

    /** What tells two uses apart, as Ansible's role cache key: name, params, condition, vars, files, include or not. */
    String key(String resolvedPath) {
        return resolvedPath + "|" + new TreeMap<>(params) + "|" + (inherited.when() == null ? "" : inherited.when().text())
                + "|" + new TreeMap<>(vars) + "|" + from + "|" + (kind != Kind.LISTED);
    }
}
