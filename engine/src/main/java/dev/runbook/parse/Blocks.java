package dev.runbook.parse;

import dev.runbook.model.Inherited;
import dev.runbook.model.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The entries of a task list that are not tasks: {@code block} (with {@code rescue} and
 * {@code always}, nested at will; its {@code when}, {@code become}, {@code vars},
 * {@code ignore_errors}, {@code no_log}, {@code check_mode} and {@code notify} handed to every
 * task inside, included files and roles too) and {@code meta:}; and lists of handlers.
 */
final class Blocks {
    static final Set<String> BLOCK_FIELDS = Set.of("block", "rescue", "always", "name", "when", "become", "become_user",
            "become_method", "vars", "ignore_errors", "no_log", "check_mode", "notify", "tags");
    /** Ansible block keywords runbook does not take (on blocks or tasks). */
    private static final Set<String> UNSUPPORTED = Set.of("delegate_to", "delegate_facts", "run_once", "any_errors_fatal",
            "environment", "throttle", "debugger", "collections", "module_defaults", "connection", "remote_user", "port",
            "ignore_unreachable", "diff", "timeout", "become_flags", "become_exe", "max_fail_percentage");
    private static final Set<String> STRUCTURAL = Set.of("block", "rescue", "always", "meta");
    private static final Set<String> NOT_IN_HANDLERS = Set.of("block", "rescue", "always", "meta", "include",
            "import_tasks", "include_tasks", "import_role", "include_role");
    private static final String DOCS = "see docs/ansible.md";

    private final TaskLists lists;
    private final TaskParser tasks;

    Blocks(TaskLists lists, TaskParser tasks) {
        this.lists = lists;
        this.tasks = tasks;
    }

    /** True for an entry this class reads: a block, a rescue or always without block, a meta task. */
    static boolean handles(Node item) {
        return keys(item).stream().anyMatch(STRUCTURAL::contains);
    }

    void read(NodeReader r, Node item, Path file, TaskLists.Frame frame, TaskItems into) {
        Map<String, NodeTuple> e = r.mapping(item, "a task").orElse(Map.of());
        if (e.containsKey("block")) {
            block(r, e, file, frame).ifPresent(into::add);
        } else if (e.containsKey("rescue") || e.containsKey("always")) {
            NodeTuple t = e.containsKey("rescue") ? e.get("rescue") : e.get("always");
            r.error(t.getKeyNode(), "'" + ((ScalarNode) t.getKeyNode()).getValue() + "' without 'block'",
                    "write the tasks it guards under 'block:' in the same entry, then 'rescue:' and 'always:'");
        } else if (e.containsKey("meta")) {
            meta(r, e).ifPresent(into::add);
        }
    }

    private Optional<TaskItems.Item> block(NodeReader r, Map<String, NodeTuple> e, Path file, TaskLists.Frame frame) {
        Map<String, NodeTuple> known = new java.util.LinkedHashMap<>();
        e.forEach((k, t) -> {
            if (UNSUPPORTED.contains(k)) {
                r.error(t.getKeyNode(), "'" + k + "' on a block is not supported by runbook", DOCS);
            } else {
                known.put(k, t);
            }
        });
        r.unknownKeys(known, BLOCK_FIELDS, "a block");
        Inherited keywords = RoleEntries.keywords(r, e);
        String name = Fields.optionalString(r, e, "name");
        List<TaskParser.NotifyRef> notifies = TaskParser.notifies(r, e);
        List<String> tags = Fields.tags(r, e);
        TaskItems block = part(r, e, "block", file, frame);
        TaskItems rescue = part(r, e, "rescue", file, frame);
        TaskItems always = part(r, e, "always", file, frame);
        if (tags.contains("never")) {
            return Optional.empty(); // as Ansible without --tags never
        }
        UnaryOperator<Task> inherit = t -> t.within(null, keywords);
        return Optional.of(new TaskItems.Group(name, block.map(inherit).notifying(notifies),
                rescue.map(inherit).notifying(notifies), always.map(inherit).notifying(notifies),
                r.span(e.get("block").getKeyNode())));
    }

    private TaskItems part(NodeReader r, Map<String, NodeTuple> e, String key, Path file, TaskLists.Frame frame) {
        TaskItems out = new TaskItems();
        if (e.containsKey(key) && !NodeReader.isNull(Fields.value(e, key))) {
            Node n = Fields.value(e, key);
            if (n instanceof SequenceNode) {
                lists.read(r, n, file, frame, out);
            } else {
                r.error(n, key + " must be a list of tasks, not " + NodeReader.describe(n));
            }
        }
        return out;
    }

    private Optional<TaskItems.Item> meta(NodeReader r, Map<String, NodeTuple> e) {
        r.unknownKeys(e, Set.of("meta", "name"), "a meta task");
        Node v = Fields.value(e, "meta");
        Optional<String> what = r.string(v, "meta");
        if (what.isEmpty()) {
            return Optional.empty();
        }
        return switch (what.get()) {
            case "flush_handlers" -> Optional.of(new TaskItems.Flush(r.span(v)));
            case "noop" -> Optional.empty();
            default -> {
                r.error(v, "meta: " + what.get() + " is not supported",
                        "runbook knows 'meta: flush_handlers' and 'meta: noop' (" + DOCS + ")");
                yield Optional.empty();
            }
        };
    }

    /** A list of handlers: tasks with a name or listen topics. */
    List<TaskParser.Parsed> handlers(NodeReader r, Node node) {
        List<TaskParser.Parsed> out = new ArrayList<>();
        if (!(node instanceof SequenceNode seq)) {
            if (!NodeReader.isNull(node)) {
                r.error(node, "handlers must be a list of tasks, not " + NodeReader.describe(node));
            }
            return out;
        }
        for (Node item : seq.getValue()) {
            if (keys(item).stream().anyMatch(NOT_IN_HANDLERS::contains)) {
                Map<String, NodeTuple> e = r.mapping(item, "a handler").orElse(Map.of());
                NOT_IN_HANDLERS.stream().filter(e::containsKey).sorted().forEach(key -> r.error(e.get(key).getKeyNode(),
                        "'" + key + "' cannot be used in a handler",
                        "a handler is one task; notify several handlers instead (" + DOCS + ")"));
                continue;
            }
            Optional<TaskParser.Parsed> p = tasks.parse(r, item, true);
            if (p.isEmpty()) {
                continue;
            }
            String name = p.get().task().name();
            if ((name == null || name.isBlank()) && p.get().listen().isEmpty()) {
                r.error(item, "a handler needs a 'name' (or 'listen' topics) so that tasks can notify it",
                        "add 'name: restart nginx' and notify it with 'notify: restart nginx'");
                continue;
            }
            out.add(p.get());
        }
        return out;
    }

    /** The plain keys of a mapping node (none for anything else), without reporting anything. */
    static Set<String> keys(Node item) {
        Set<String> out = new HashSet<>();
        if (item instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    out.add(k.getValue());
                }
            }
        }
        return out;
    }
}
