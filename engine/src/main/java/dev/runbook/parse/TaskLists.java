package dev.runbook.parse;

import dev.runbook.model.Become;
import dev.runbook.model.Inherited;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a list of tasks, putting in place the tasks of what it includes: {@code include:},
 * {@code import_tasks:} / {@code include_tasks:} of another task file, and roles through
 * {@code import_role:} / {@code include_role:}. Everything is read when the runbook is loaded,
 * so every task of every file and role is checked before anything runs.
 */
final class TaskLists {
    private static final Set<String> TASK_INCLUDES = Set.of("import_tasks", "include_tasks", "ansible.builtin.import_tasks",
            "ansible.builtin.include_tasks");
    private static final Set<String> INCLUDE_FIELDS = Set.of("name", "when", "vars", "tags", "become", "become_user",
            "become_method", "ignore_errors", "no_log", "check_mode", "loop", "with_items", "apply", "file");

    private final TaskParser tasks;
    private final IncludeChain files;
    private final Blocks blocks;
    private RoleExpander roles;

    TaskLists(TaskParser tasks, IncludeChain files) {
        this.tasks = tasks;
        this.files = files;
        this.blocks = new Blocks(this, tasks);
    }

    void roles(RoleExpander expander) {
        this.roles = expander;
    }

    /** Where a list is read: the step's roles and the role whose file it is (null outside roles). */
    record Frame(StepRoleSession session, RoleExpander.InRole role) {
    }

    /** A list of tasks; includes and roles are replaced by their tasks, blocks and meta: read by {@link Blocks}. */
    void read(NodeReader r, Node node, Path file, Frame frame, TaskItems into) {
        if (!(node instanceof SequenceNode seq)) {
            r.error(node, "tasks must be a list of tasks, not " + NodeReader.describe(node));
            return;
        }
        for (Node item : seq.getValue()) {
            Optional<String> include = includeEntry(item);
            String roleKey = RoleEntries.roleTaskKey(item);
            String tasksKey = key(item, TASK_INCLUDES);
            if (include.isPresent()) {
                includeFile(r, ((MappingNode) item).getValue().get(0).getValueNode(), include.get(), file, frame,
                        Inherited.NONE, into);
            } else if (roleKey != null) {
                r.mapping(item, "a task").flatMap(e -> RoleEntries.task(r, item, e, roleKey))
                        .ifPresent(use -> roles.expand(use, frame, into));
            } else if (tasksKey != null) {
                r.mapping(item, "a task").ifPresent(e -> tasksInclude(r, e, tasksKey, file, frame, into));
            } else if (Blocks.handles(item)) {
                blocks.read(r, item, file, frame, into);
            } else {
                tasks.parse(r, item, false)
                        .filter(p -> !p.tags().contains("never")) // as Ansible without --tags never
                        .ifPresent(into::add);
            }
        }
    }

    /** The tasks of a whole task file (a list, or a map with {@code tasks:}). */
    void readFile(NodeReader r, Node at, Path target, Frame frame, TaskItems into) {
        Optional<IncludeChain.Included> inc = files.enter(r, at, target);
        if (inc.isEmpty()) {
            return;
        }
        Node root = inc.get().node();
        NodeReader ir = inc.get().reader();
        if (root instanceof MappingNode) {
            ir.mapping(root, "an included task file").ifPresent(m -> {
                ir.unknownKeys(m, Set.of("tasks"), "an included task file");
                if (m.containsKey("tasks")) {
                    read(ir, m.get("tasks").getValueNode(), target, frame, into);
                } else {
                    ir.error(root, "an included task file holds a list of tasks or 'tasks:'");
                }
            });
        } else if (!NodeReader.isNull(root)) {
            read(ir, root, target, frame, into);
        }
        files.leave();
    }

    private void includeFile(NodeReader r, Node at, String relative, Path from, Frame frame, Inherited inherited,
                             TaskItems into) {
        Path target = resolve(from, relative, frame);
        TaskItems included = new TaskItems();
        readFile(r, at, target, frame, included);
        into.addAll(inherited == Inherited.NONE ? included : included.map(t -> t.within(null, inherited)));
    }

    /** The handlers of a handler file (a role's handlers/main.yml): a list of handlers. */
    List<TaskParser.Parsed> readHandlers(NodeReader r, Node at, Path target) {
        Optional<IncludeChain.Included> inc = files.enter(r, at, target);
        if (inc.isEmpty()) {
            return List.of();
        }
        List<TaskParser.Parsed> out = NodeReader.isNull(inc.get().node()) ? List.of()
                : blocks.handlers(inc.get().reader(), inc.get().node());
        files.leave();
        return out;
    }

    /** A step's {@code handlers:}. */
    List<TaskParser.Parsed> handlers(NodeReader r, Node node) {
        return blocks.handlers(r, node);
    }

    /** {@code import_tasks: FILE} / {@code include_tasks: FILE} (or {@code {file: FILE}}), with its keywords. */
    private void tasksInclude(NodeReader r, Map<String, NodeTuple> e, String key, Path from, Frame frame, TaskItems into) {
        Set<String> allowed = new java.util.HashSet<>(INCLUDE_FIELDS);
        allowed.add(key);
        allowed.remove("file");
        r.unknownKeys(e, allowed, key);
        for (String loopKey : List.of("loop", "with_items")) {
            if (e.containsKey(loopKey)) {
                r.error(e.get(loopKey).getKeyNode(), "a loop over " + key + " is not supported: runbook reads every "
                        + "task file before anything runs", "loop inside the included tasks instead");
            }
        }
        Node value = Fields.value(e, key);
        Optional<String> file;
        Node fileNode = value;
        Inherited apply = Inherited.NONE;
        if (value instanceof MappingNode) {
            var m = r.mapping(value, key).orElse(Map.of());
            r.unknownKeys(m, Set.of("file", "apply"), key);
            fileNode = m.containsKey("file") ? Fields.value(m, "file") : value;
            file = m.containsKey("file") ? r.string(fileNode, "file") : Optional.empty();
            if (m.containsKey("apply")) {
                apply = r.mapping(Fields.value(m, "apply"), "apply").map(a -> RoleEntries.keywords(r, a)).orElse(Inherited.NONE);
            }
            if (!m.containsKey("file")) {
                r.error(value, key + " needs 'file: FILE'");
            }
        } else {
            file = r.string(value, key);
        }
        if (file.isPresent() && dev.runbook.template.Templater.isTemplate(file.get())) {
            r.error(fileNode, "the file of " + key + " cannot be a template: runbook reads every task file before anything runs",
                    "write the file's name");
            return;
        }
        Inherited own = RoleEntries.keywords(r, e);
        Inherited inherited = key.endsWith("import_tasks") ? own
                : new Inherited(own.when(), Become.UNSET, own.vars(), false, false, null).then(apply);
        Node at = fileNode;
        file.ifPresent(f -> includeFile(r, at, f, from, frame, inherited, into));
    }

    private static Optional<String> includeEntry(Node item) {
        if (item instanceof MappingNode m && m.getValue().size() == 1
                && m.getValue().get(0).getKeyNode() instanceof ScalarNode k && k.getValue().equals("include")
                && m.getValue().get(0).getValueNode() instanceof ScalarNode v) {
            return Optional.of(v.getValue());
        }
        return Optional.empty();
    }

    private static String key(Node item, Set<String> keys) {
        if (item instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && keys.contains(k.getValue())) {
                    return k.getValue();
                }
            }
        }
        return null;
    }

    /** Beside the including file; in a role, also in the role's tasks/ directory. */
    private static Path resolve(Path from, String relative, Frame frame) {
        Path dir = from.getParent();
        Path beside = dir == null ? Path.of(relative) : dir.resolve(relative).normalize();
        if (!Files.exists(beside) && frame.role() != null) {
            Path inRole = frame.role().role().path().resolve("tasks").resolve(relative).normalize();
            if (Files.exists(inRole)) {
                return inRole;
            }
        }
        return beside;
    }
}
