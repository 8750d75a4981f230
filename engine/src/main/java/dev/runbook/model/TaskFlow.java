package dev.runbook.model;

import java.util.ArrayList;
import java.util.List;

/**
 * How a step's tasks run: the tree of tasks and blocks ({@code body}), the step's
 * {@code handlers} in definition order (the order they run in), and {@code forceHandlers}
 * (null: as the run says, from --force-handlers or ansible.cfg).
 *
 * <p>Index space, shared by events and the journal: a step's tasks are 0..n-1
 * ({@link Step#tasks()}); the run of handler {@code h} at flush point {@code p} is
 * {@code n + p * handlers.size() + h}, so a handler that runs at two flush points has two
 * journal entries and resume restores each exactly. See {@link Step#taskAt(int)}.
 */
public record TaskFlow(List<TaskNode> body, List<Handler> handlers, Boolean forceHandlers) {
    public TaskFlow {
        body = List.copyOf(body);
        handlers = List.copyOf(handlers);
    }

    /** Tasks 0..count-1 run in order: a task list without blocks, flushes or handlers. */
    public static TaskFlow sequential(int count) {
        List<TaskNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(new TaskNode.Run(i, List.of()));
        }
        return new TaskFlow(nodes, List.of(), null);
    }

    /** The number of places handlers run: each {@code meta: flush_handlers}, then the end of the step. */
    public int flushPoints() {
        return countFlushes(body) + 1;
    }

    /**
     * The handlers (indices, definition order) a {@code notify: what} reaches, as ansible-core
     * 2.14: the first handler named {@code what} (a role's handler also as {@code "role : name"}),
     * and every handler listening to {@code what}.
     * Empty when none.
     */
    public List<Integer> answering(String what) {
        List<Integer> out = new ArrayList<>();
        boolean named = false;
        for (int i = 0; i < handlers.size(); i++) {
            Handler h = handlers.get(i);
            boolean byName = h.name() != null && (what.equals(h.name()) || what.equals(h.task().displayName()));
            if ((!named && byName) || h.listen().contains(what)) {
                named |= byName;
                out.add(i);
            }
        }
        return out;
    }

    /** The task indices of {@code nodes} and their nested blocks, rescue included, in order. */
    public static List<Integer> indices(List<TaskNode> nodes) {
        List<Integer> out = new ArrayList<>();
        for (TaskNode n : nodes) {
            if (n instanceof TaskNode.Run r) {
                out.add(r.index());
            } else if (n instanceof TaskNode.Block b) {
                out.addAll(indices(b.block()));
                out.addAll(indices(b.rescue()));
                out.addAll(indices(b.always()));
            }
        }
        return out;
    }

    /** Tasks a step that does not run at all reports as skipped: all but rescue tasks and handlers (as Ansible). */
    public int tasksOutsideRescue() {
        return countOutsideRescue(body);
    }

    private static int countOutsideRescue(List<TaskNode> nodes) {
        int n = 0;
        for (TaskNode t : nodes) {
            if (t instanceof TaskNode.Run) {
                n++;
            } else if (t instanceof TaskNode.Block b) {
                n += countOutsideRescue(b.block()) + countOutsideRescue(b.always());
            }
        }
        return n;
    }

    private static int countFlushes(List<TaskNode> nodes) {
        int n = 0;
        for (TaskNode t : nodes) {
            if (t instanceof TaskNode.FlushHandlers) {
                n++;
            } else if (t instanceof TaskNode.Block b) {
                n += countFlushes(b.block()) + countFlushes(b.rescue()) + countFlushes(b.always());
            }
        }
        return n;
    }
}
