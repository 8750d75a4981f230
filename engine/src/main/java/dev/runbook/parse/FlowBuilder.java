package dev.runbook.parse;

import dev.runbook.diag.Diagnostic;
import dev.runbook.diag.Diagnostics;
import dev.runbook.diag.Severity;
import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.Suggestions;
import dev.runbook.model.Handler;
import dev.runbook.model.Task;
import dev.runbook.model.TaskFlow;
import dev.runbook.model.TaskNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a step's task list as read ({@link TaskItems}: the step's own tasks, included files,
 * roles) and its handlers (a role's {@code handlers/main.yml} first, then the step's own, as
 * Ansible orders a play's handlers) into the step's numbered tasks and its {@link TaskFlow}:
 * tasks get their indices in file order (block, rescue, always), flush points theirs, and every
 * {@code notify} is checked to reach a handler, as Ansible does.
 */
final class FlowBuilder {
    /** A step's tasks (index order) and how they run. */
    record Built(List<Task> tasks, TaskFlow flow) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private final List<Handler> handlers = new ArrayList<>();
    private final List<SourceSpan> handlerSpans = new ArrayList<>();
    private final List<TaskParser.NotifyRef> notified = new ArrayList<>();
    private int flushes;

    private FlowBuilder() {
    }

    /** The step's tasks and flow; problems (a notify that reaches no handler) go to {@code diags}. */
    static Built build(TaskItems body, List<TaskParser.Parsed> handlers, Boolean forceHandlers, String stepId,
                       Diagnostics diags) {
        FlowBuilder b = new FlowBuilder();
        for (TaskParser.Parsed h : handlers) {
            b.handlers.add(new Handler(h.task().name(), h.listen(), h.notifyNames(), h.task()));
            b.handlerSpans.add(h.task().span());
            b.notified.addAll(h.notifies());
        }
        List<TaskNode> nodes = b.nodes(body);
        return new Built(List.copyOf(b.tasks), b.check(nodes, forceHandlers, stepId, diags));
    }

    private List<TaskNode> nodes(TaskItems items) {
        List<TaskNode> out = new ArrayList<>();
        for (TaskItems.Item i : items.items()) {
            if (i instanceof TaskItems.Leaf l) {
                tasks.add(l.task());
                notified.addAll(l.notifies());
                out.add(new TaskNode.Run(tasks.size() - 1, l.notifies().stream().map(TaskParser.NotifyRef::name).toList()));
            } else if (i instanceof TaskItems.Group g) {
                List<TaskNode> block = nodes(g.block());
                List<TaskNode> rescue = nodes(g.rescue());
                List<TaskNode> always = nodes(g.always());
                out.add(new TaskNode.Block(g.name(), block, rescue, always, g.span()));
            } else if (i instanceof TaskItems.Flush f) {
                out.add(new TaskNode.FlushHandlers(flushes++, f.span()));
            }
        }
        return out;
    }

    /**
     * The flow of {@code body}; every notify that reaches no handler of {@code stepId} is an error
     * (Ansible refuses it too), and a handler name given twice a warning (only the first answers).
     */
    private TaskFlow check(List<TaskNode> body, Boolean forceHandlers, String stepId, Diagnostics diags) {
        TaskFlow flow = new TaskFlow(body, handlers, forceHandlers);
        Set<String> known = new LinkedHashSet<>();
        Map<String, SourceSpan> firstByName = new LinkedHashMap<>();
        for (int i = 0; i < handlers.size(); i++) {
            Handler h = handlers.get(i);
            if (h.name() != null) {
                known.add(h.name());
                known.add(h.task().displayName());
                SourceSpan first = firstByName.putIfAbsent(h.name(), handlerSpans.get(i));
                if (first != null) {
                    diags.add(new Diagnostic(Severity.WARNING, handlerSpans.get(i), "handler '" + h.name()
                            + "' of step '" + stepId + "' is defined twice (first at " + first + ")",
                            "a notify by this name runs only the first one", "rename one of them"));
                }
            }
            known.addAll(h.listen());
        }
        for (TaskParser.NotifyRef ref : notified) {
            if (flow.answering(ref.name()).isEmpty()) {
                String hint = known.isEmpty() ? "add it under the step's 'handlers:'"
                        : Suggestions.closest(ref.name(), known).map(c -> "did you mean '" + c + "'?")
                                .orElse("the step's handlers are: " + String.join(", ", known));
                diags.add(Diagnostic.error(ref.span(), "notify '" + ref.name() + "' reaches no handler of step '"
                        + stepId + "'").withSuggestion(hint));
            }
        }
        return flow;
    }
}
