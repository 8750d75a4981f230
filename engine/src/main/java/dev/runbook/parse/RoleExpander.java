package dev.runbook.parse;

import dev.runbook.model.Inherited;
import dev.runbook.model.RoleScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Puts a role's tasks in place of its use, as Ansible compiles a role: the tasks of its
 * dependencies first (each once per step unless it allows duplicates), then its own, each task
 * carrying the role's variables merged along the dependency chain and the keywords of the use.
 */
final class RoleExpander {
    private final RoleLoader loader;
    private final TaskLists lists;

    RoleExpander(RoleLoader loader, TaskLists lists) {
        this.loader = loader;
        this.lists = lists;
    }

    /** Inside a role's task file: the role and its dependency chain (outermost first, the role last). */
    record InRole(LoadedRole role, List<LoadedRole> chain) {
    }

    /** The tasks of {@code use}, read where {@code frame} says (a step, or a role including another). */
    void expand(RoleUse use, TaskLists.Frame frame, TaskItems into) {
        Path dependent = frame.role() == null ? null : frame.role().role().path();
        Optional<LoadedRole> role = loader.load(use, dependent);
        if (role.isEmpty()) {
            return;
        }
        if (use.exported()) {
            frame.session().export(role.get());
        }
        List<LoadedRole> outer = frame.role() == null ? List.of() : frame.role().chain();
        compile(use, role.get(), outer, frame.session(), into);
    }

    private void compile(RoleUse use, LoadedRole role, List<LoadedRole> outer, StepRoleSession session, TaskItems into) {
        if (!session.firstRun(role)) {
            return;
        }
        List<LoadedRole> chain = new ArrayList<>(outer);
        chain.add(role);
        for (LoadedRole dep : role.deps()) {
            compile(use, dep, chain, session, into);
        }
        if (role.handlersFile() != null) {
            // a role's handlers join the step's, before the step's own (as Ansible orders a play's)
            RoleScope scope = scope(role, chain, role.handlersFile().getParent());
            lists.readHandlers(use.reader(), use.at(), role.handlersFile())
                    .forEach(h -> session.handler(h.map(t -> t.within(scope, Inherited.NONE))));
        }
        if (role.tasksFile() == null) {
            return;
        }
        TaskItems own = new TaskItems();
        InRole here = new InRole(role, List.copyOf(chain));
        lists.readFile(use.reader(), use.at(), role.tasksFile(), new TaskLists.Frame(session, here), own);
        RoleScope scope = scope(role, chain, role.tasksFile().getParent());
        Inherited inherited = use.inherited();
        into.addAll(own.map(t -> t.within(scope, inherited)));
    }

    private static RoleScope scope(LoadedRole role, List<LoadedRole> chain, Path fileDir) {
        return new RoleScope(role.name(), role.path(), role.defaultVars(chain), role.allVars(chain, false),
                role.roleParams(chain), searchPath(chain, fileDir));
    }

    /** Ansible's search path of a role's task: the role, the roles depending on it, then the task file's directory. */
    private static List<Path> searchPath(List<LoadedRole> chain, Path taskDir) {
        List<Path> out = new ArrayList<>();
        List<LoadedRole> reversed = new ArrayList<>(chain);
        Collections.reverse(reversed);
        reversed.forEach(r -> out.add(r.path()));
        if (!out.contains(taskDir)) {
            out.add(taskDir);
        }
        return out;
    }
}
