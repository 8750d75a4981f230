package dev.runbook.parse;

import dev.runbook.model.TaskNode;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Reads task lists as Ansible writes them: tasks, {@code block}/{@code rescue}/{@code always}
 * (nested at will, their keywords handed to their tasks), {@code meta: flush_handlers},
 * {@code - include: FILE}; and handler lists. Tasks and handlers go into a {@link FlowBuilder};
 * task lists come back as {@link TaskNode}s.
 */
final class TaskListParser {
    static final Set<String> BLOCK_FIELDS = Set.of("block", "rescue", "always", "name", "when", "become", "become_user",
            "become_method", "vars", "ignore_errors", "no_log", "check_mode", "timeout", "notify", "tags");
    private static final Set<String> META_FIELDS = Set.of("meta", "name");
    private static final String DOCS = "see docs/ansible.md";

    /** Where included task files come from (and the include cycle check): the runbook parser. */
    interface TaskFiles {
        /** The included file's reader and root node, or empty when it cannot be read (reported). */
        Optional<Opened> open(NodeReader r, Node at, String relative, Path from);

        /** Called after an opened file has been read. */
        void close();
    }

    record Opened(NodeReader reader, Node root, Path file) {
    }

    private final TaskParser tasks;
    private final TaskFiles files;

    TaskListParser(TaskParser tasks, TaskFiles files) {
        this.tasks = tasks;
        this.files = files;
    }

    /** A list of tasks (and blocks, flushes, includes) read from {@code file}, in order. */
    List<TaskNode> tasks(NodeReader r, Node node, Path file, Inherited inherited, FlowBuilder into) {
        List<TaskNode> out = new ArrayList<>();
        if (!(node instanceof SequenceNode seq)) {
            r.error(node, "tasks must be a list of tasks, not " + NodeReader.describe(node));
            return out;
        }
        for (Node item : seq.getValue()) {
            Set<String> keys = keys(item);
            Optional<String> include = includeEntry(item);
            if (include.isPresent()) {
                out.addAll(include(r, ((MappingNode) item).getValue().get(0).getValueNode(), include.get(), file, inherited, into));
                continue;
            }
            if (!keys.contains("block") && !keys.contains("rescue") && !keys.contains("always") && !keys.contains("meta")) {
                tasks.parse(r, item, inherited, false)
                        .filter(p -> !p.tags().contains("never")) // as Ansible without --tags never
                        .ifPresent(p -> out.add(into.add(p)));
                continue;
            }
            Map<String, NodeTuple> e = r.mapping(item, "a task").orElse(Map.of());
            if (e.containsKey("block")) {
                block(r, e, file, inherited, into).ifPresent(out::add);
            } else if (e.containsKey("rescue") || e.containsKey("always")) {
                NodeTuple t = e.containsKey("rescue") ? e.get("rescue") : e.get("always");
                r.error(t.getKeyNode(), "'" + ((ScalarNode) t.getKeyNode()).getValue() + "' without 'block'",
                        "write the tasks to protect under 'block:' in the same entry, then 'rescue:' and 'always:'");
            } else if (e.containsKey("meta")) {
                meta(r, e, into).ifPresent(out::add);
            }
        }
        return out;
    }

    /** A list of handlers: tasks with a name or listen topics. */
    void handlers(NodeReader r, Node node, FlowBuilder into) {
        if (!(node instanceof SequenceNode seq)) {
            r.error(node, "handlers must be a list of tasks, not " + NodeReader.describe(node));
            return;
        }
        for (Node item : seq.getValue()) {
            List<String> structural = List.of("block", "rescue", "always", "meta", "include");
            if (keys(item).stream().anyMatch(structural::contains)) {
                Map<String, NodeTuple> e = r.mapping(item, "a handler").orElse(Map.of());
                structural.stream().filter(e::containsKey).forEach(key -> r.error(e.get(key).getKeyNode(),
                        "'" + key + "' cannot be used in a handler",
                        "a handler is one task; put the work in tasks that run in order (" + DOCS + ")"));
                continue;
            }
            Optional<TaskParser.Parsed> p = tasks.parse(r, item, Inherited.NONE, true);
            if (p.isEmpty()) {
                continue;
            }
            String name = p.get().task().name();
            if ((name == null || name.isBlank()) && p.get().listen().isEmpty()) {
                r.error(item, "a handler needs a 'name' (or 'listen' topics) so that tasks can notify it",
                        "add 'name: restart nginx' and notify it with 'notify: restart nginx'");
                continue;
            }
            into.addHandler(p.get());
        }
    }

    private Optional<TaskNode> block(NodeReader r, Map<String, NodeTuple> e, Path file, Inherited outer, FlowBuilder into) {
        r.unknownKeys(e, BLOCK_FIELDS, "a block");
        Inherited inner = outer.within(r, e);
        String name = Fields.optionalString(r, e, "name");
        if (inner.tags().contains("never")) {
            return Optional.empty();
        }
        Node blockNode = Fields.value(e, "block");
        List<TaskNode> block = tasks(r, blockNode, file, inner, into);
        List<TaskNode> rescue = e.containsKey("rescue") ? tasks(r, Fields.value(e, "rescue"), file, inner, into) : List.of();
        List<TaskNode> always = e.containsKey("always") ? tasks(r, Fields.value(e, "always"), file, inner, into) : List.of();
        return Optional.of(new TaskNode.Block(name, block, rescue, always, r.span(e.get("block").getKeyNode())));
    }

    private Optional<TaskNode> meta(NodeReader r, Map<String, NodeTuple> e, FlowBuilder into) {
        r.unknownKeys(e, META_FIELDS, "a meta task");
        Node v = Fields.value(e, "meta");
        Optional<String> what = r.string(v, "meta");
        if (what.isEmpty()) {
            return Optional.empty();
        }
        return switch (what.get()) {
            case "flush_handlers" -> Optional.of(into.flush(r.span(v)));
            case "noop" -> Optional.empty();
            default -> {
                r.error(v, "meta: " + what.get() + " is not supported", "runbook knows 'meta: flush_handlers' and "
                        + "'meta: noop' (" + DOCS + ")");
                yield Optional.empty();
            }
        };
    }

    /** The plain keys of a mapping node (none for anything else), without reporting anything. */
    private static Set<String> keys(Node item) {
        Set<String> out = new java.util.HashSet<>();
        if (item instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    out.add(k.getValue());
                }
            }
        }
        return out;
    }

    private static Optional<String> includeEntry(Node item) {
        if (item instanceof MappingNode m && m.getValue().size() == 1
                && m.getValue().get(0).getKeyNode() instanceof ScalarNode k && k.getValue().equals("include")
                && m.getValue().get(0).getValueNode() instanceof ScalarNode v) {
            return Optional.of(v.getValue());
        }
        return Optional.empty();
    }

    /** The tasks of an included file: a list of tasks, or a map with 'tasks:'. */
    List<TaskNode> include(NodeReader r, Node at, String relative, Path from, Inherited inherited, FlowBuilder into) {
        Optional<Opened> inc = files.open(r, at, relative, from);
        if (inc.isEmpty()) {
            return List.of();
        }
        NodeReader ir = inc.get().reader();
        Node root = inc.get().root();
        List<TaskNode> out = new ArrayList<>();
        if (root instanceof MappingNode) {
            ir.mapping(root, "an included task file").ifPresent(m -> {
                ir.unknownKeys(m, Set.of("tasks"), "an included task file");
                if (m.containsKey("tasks")) {
                    out.addAll(tasks(ir, m.get("tasks").getValueNode(), inc.get().file(), inherited, into));
                } else {
                    ir.error(root, "an included task file holds a list of tasks or 'tasks:'");
                }
            });
        } else {
            out.addAll(tasks(ir, root, inc.get().file(), inherited, into));
        }
        files.close();
        return out;
    }
}
