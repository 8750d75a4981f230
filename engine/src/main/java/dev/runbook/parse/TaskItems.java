package dev.runbook.parse;

import dev.runbook.diag.SourceSpan;
import dev.runbook.model.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A task list as read, before its tasks are numbered: tasks (with whom they notify), blocks and
 * {@code meta: flush_handlers}, in file order. Includes, imports and roles splice their lists in
 * ({@link #addAll}), after handing their keywords to every task inside ({@link #map});
 * {@link FlowBuilder} numbers the tasks once the step is complete.
 */
final class TaskItems {
    sealed interface Item {
    }

    /** A task and the handler names or topics it notifies when it reports changed. */
    record Leaf(Task task, List<TaskParser.NotifyRef> notifies) implements Item {
        Leaf {
            notifies = List.copyOf(notifies);
        }
    }

    /** {@code block} / {@code rescue} / {@code always}; {@code name} may be null. */
    record Group(String name, TaskItems block, TaskItems rescue, TaskItems always, SourceSpan span) implements Item {
    }

    /** {@code meta: flush_handlers}. */
    record Flush(SourceSpan span) implements Item {
    }

    private final List<Item> items = new ArrayList<>();

    void add(TaskParser.Parsed p) {
        items.add(new Leaf(p.task(), p.notifies()));
    }

    void add(Item item) {
        items.add(item);
    }

    void addAll(TaskItems other) {
        items.addAll(other.items);
    }

    List<Item> items() {
        return List.copyOf(items);
    }

    /** The same list with {@code f} applied to every task, in blocks too. */
    TaskItems map(UnaryOperator<Task> f) {
        return mapLeaves(l -> new Leaf(f.apply(l.task()), l.notifies()));
    }

    /** The same list where tasks that notify nothing notify {@code notifies} (a block's notify). */
    TaskItems notifying(List<TaskParser.NotifyRef> notifies) {
        return notifies.isEmpty() ? this : mapLeaves(l -> l.notifies().isEmpty() ? new Leaf(l.task(), notifies) : l);
    }

    private TaskItems mapLeaves(UnaryOperator<Leaf> f) {
        TaskItems out = new TaskItems();
        for (Item i : items) {
            if (i instanceof Leaf l) {
                out.items.add(f.apply(l));
            } else if (i instanceof Group g) {
                out.items.add(new Group(g.name(), g.block().mapLeaves(f), g.rescue().mapLeaves(f), g.always().mapLeaves(f),
                        g.span()));
            } else {
                out.items.add(i);
            }
        }
        return out;
    }

    /** Every task, in blocks too (block, rescue, always), in order: the indices they will get. */
    List<Task> tasks() {
        List<Task> out = new ArrayList<>();
        for (Item i : items) {
            if (i instanceof Leaf l) {
                out.add(l.task());
            } else if (i instanceof Group g) {
                out.addAll(g.block().tasks());
                out.addAll(g.rescue().tasks());
                out.addAll(g.always().tasks());
            }
        }
        return out;
    }
}
