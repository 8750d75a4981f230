package dev.runbook.parse;

import dev.runbook.model.Become;
import dev.runbook.model.Expr;
import dev.runbook.model.Inherited;
import dev.runbook.template.Templater;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads the ways a role is used: an entry of a step's {@code roles:} or of {@code meta/main.yml}
 * {@code dependencies:} (a name, or a map with {@code role:} and keywords, any other key being a
 * role parameter), and the {@code import_role} / {@code include_role} tasks.
 */
final class RoleEntries {
    /** Keywords of a role entry handed down to its tasks. */
    private static final Set<String> ENTRY_KEYWORDS = Set.of("role", "name", "vars", "when", "tags", "become",
            "become_user", "become_method", "ignore_errors", "no_log", "check_mode");
    /** Ansible keywords that mean nothing here: refused rather than taken for role parameters. */
    private static final Set<String> REFUSED = Set.of("delegate_to", "delegate_facts", "environment", "connection",
            "remote_user", "run_once", "any_errors_fatal", "throttle", "module_defaults", "collections", "debugger",
            "diff", "port", "ignore_unreachable", "max_fail_percentage", "become_flags", "become_exe", "timeout");
    static final Set<String> ROLE_TASK_ARGS = Set.of("name", "tasks_from", "vars_from", "defaults_from",
            "handlers_from", "public", "apply", "allow_duplicates", "rolespec_validate");
    /** Task keywords an import_role / include_role task may carry. */
    static final Set<String> ROLE_TASK_FIELDS = Set.of("name", "when", "vars", "tags", "become", "become_user",
            "become_method", "ignore_errors", "no_log", "check_mode", "loop", "with_items", "loop_control");
    private static final Set<String> APPLY_KEYS = Set.of("when", "vars", "tags", "become", "become_user",
            "become_method", "ignore_errors", "no_log", "check_mode");
    static final String DOC = " (see docs/roles.md)";

    private RoleEntries() {
    }

    /** An entry of {@code roles:} or of a role's dependencies. */
    static Optional<RoleUse> listed(NodeReader r, Node node) {
        if (node instanceof ScalarNode s) {
            return name(r, node, s.getValue()).map(n -> new RoleUse(n, node, r, RoleUse.Kind.LISTED, Inherited.NONE,
                    Map.of(), Map.of(), RoleUse.From.MAIN, null, true));
        }
        var entries = r.mapping(node, "a role (a name, or a map with 'role:')");
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Map<String, NodeTuple> e = entries.get();
        String key = e.containsKey("role") ? "role" : e.containsKey("name") ? "name" : null;
        if (key == null) {
            r.error(node, "a role entry needs 'role: NAME'", "write '- role: NAME' (or just '- NAME')" + DOC);
            return Optional.empty();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (var entry : e.entrySet()) {
            if (REFUSED.contains(entry.getKey())) {
                r.error(entry.getValue().getKeyNode(), "'" + entry.getKey() + "' on a role is not supported",
                        "remove it; runbook roles take role, vars, when, become, ignore_errors, no_log, check_mode, tags and role parameters" + DOC);
            } else if (!ENTRY_KEYWORDS.contains(entry.getKey())) {
                params.put(entry.getKey(), r.data(entry.getValue().getValueNode()));
            }
        }
        Node nameNode = Fields.value(e, key);
        Optional<String> name = r.string(nameNode, key).flatMap(n -> name(r, nameNode, n));
        Inherited k = keywords(r, e);
        if (Fields.tags(r, e).contains("never")) {
            return Optional.empty(); // as Ansible without --tags never: the role's tasks are left out
        }
        // A listed role's vars are role vars (below vars/main.yml), not task vars.
        Inherited inherited = new Inherited(k.when(), k.become(), Map.of(), k.ignoreErrors(), k.noLog(), k.checkMode());
        return name.map(n -> new RoleUse(n, nameNode, r, RoleUse.Kind.LISTED, inherited, k.vars(), params,
                RoleUse.From.MAIN, null, true));
    }

    /** An {@code import_role:} or {@code include_role:} task: {@code e} its entries, {@code module} which of the two. */
    static Optional<RoleUse> task(NodeReader r, Node task, Map<String, NodeTuple> e, String module) {
        boolean include = module.endsWith("include_role");
        r.unknownKeys(e, withModule(module), "an " + (include ? "include_role" : "import_role") + " task");
        for (String loopKey : List.of("loop", "with_items")) {
            if (e.containsKey(loopKey)) {
                r.error(e.get(loopKey).getKeyNode(), "a loop over " + (include ? "include_role" : "import_role")
                        + " is not supported: runbook loads roles before anything runs",
                        "loop inside the role's tasks instead" + DOC);
            }
        }
        var args = r.mapping(Fields.value(e, module), "the arguments of " + module);
        if (args.isEmpty()) {
            return Optional.empty();
        }
        Map<String, NodeTuple> a = args.get();
        r.unknownKeys(a, ROLE_TASK_ARGS, module);
        if (!a.containsKey("name")) {
            r.error(Fields.value(e, module), module + " needs 'name: ROLE'", "add the role's name" + DOC);
            return Optional.empty();
        }
        Node nameNode = Fields.value(a, "name");
        Optional<String> name = r.string(nameNode, "name").flatMap(n -> name(r, nameNode, n));
        RoleUse.From from = new RoleUse.From(Fields.optionalString(r, a, "tasks_from"), Fields.optionalString(r, a, "vars_from"),
                Fields.optionalString(r, a, "defaults_from"), Fields.optionalString(r, a, "handlers_from"));
        Boolean allowDup = a.containsKey("allow_duplicates") ? r.bool(Fields.value(a, "allow_duplicates"), "allow_duplicates").orElse(true) : true;
        boolean isPublic = Fields.flag(r, a, "public");
        Inherited own = keywords(r, e);
        if (Fields.tags(r, e).contains("never")) {
            return Optional.empty(); // as Ansible without --tags never
        }
        Inherited inherited = own;
        if (include) {
            // include_role: the task's keywords apply to the include itself; only its condition,
            // its vars and 'apply' reach the role's tasks (as in Ansible).
            Inherited apply = a.containsKey("apply") ? apply(r, Fields.value(a, "apply")) : Inherited.NONE;
            inherited = new Inherited(own.when(), Become.UNSET, own.vars(), false, false, null).then(apply);
        }
        RoleUse.Kind kind = include ? RoleUse.Kind.INCLUDED : RoleUse.Kind.IMPORTED;
        Inherited handed = inherited;
        return name.map(n -> new RoleUse(n, nameNode, r, kind, handed, own.vars(), Map.of(), from, allowDup,
                !include || isPublic));
    }

    private static Set<String> withModule(String module) {
        Set<String> out = new java.util.HashSet<>(ROLE_TASK_FIELDS);
        out.add(module);
        return out;
    }

    private static Inherited apply(NodeReader r, Node node) {
        var m = r.mapping(node, "apply");
        if (m.isEmpty()) {
            return Inherited.NONE;
        }
        r.unknownKeys(m.get(), APPLY_KEYS, "apply");
        return keywords(r, m.get());
    }

    /** when, become, vars, ignore_errors, no_log, check_mode of a role entry, a role task or apply. */
    static Inherited keywords(NodeReader r, Map<String, NodeTuple> e) {
        Expr when = Fields.expr(r, e, "when");
        Become become = Fields.become(r, e);
        Boolean checkMode = e.containsKey("check_mode") ? r.bool(Fields.value(e, "check_mode"), "check_mode").orElse(null) : null;
        return new Inherited(when, become, Fields.vars(r, e), Fields.flag(r, e, "ignore_errors"),
                Fields.flag(r, e, "no_log"), checkMode);
    }

    private static Optional<String> name(NodeReader r, Node at, String name) {
        if (Templater.isTemplate(name)) {
            r.error(at, "a role's name cannot be a template: runbook loads every role before anything runs",
                    "write the role's name" + DOC);
            return Optional.empty();
        }
        if (name.isBlank()) {
            r.error(at, "the role's name is empty");
            return Optional.empty();
        }
        return Optional.of(name.strip());
    }

    /** True when {@code item} is a task calling include_role / import_role; the key used, else null. */
    static String roleTaskKey(Node item) {
        if (!(item instanceof MappingNode m)) {
            return null;
        }
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && isRoleTask(k.getValue())) {
                return k.getValue();
            }
        }
        return null;
    }

    static boolean isRoleTask(String key) {
        return List.of("include_role", "import_role", "ansible.builtin.include_role", "ansible.builtin.import_role",
                "ansible.legacy.include_role", "ansible.legacy.import_role").contains(key);
    }
}
