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
 * Collects one step's tasks, flush points and handlers while its task lists are read (the step's
 * own, included files, and any other source of tasks and handlers, such as a role's
 * {@code tasks/} and {@code handlers/main.yml}). {@link #build} then checks that every
 * {@code notify} reaches a handler, as Ansible does, and returns the {@link TaskFlow}.
 *
 * <p>Use: {@link TaskListParser#tasks} and {@link TaskListParser#handlers} fill it;
 * {@link #tasks()} and {@link #build} are read once everything is in.
 */
final class FlowBuilder {
    private final List<Task> tasks = new ArrayList<>();
    private final List<Handler> handlers = new ArrayList<>();
    private final List<SourceSpan> handlerSpans = new ArrayList<>();
    private final List<TaskParser.NotifyRef> notified = new ArrayList<>();
    private int flushes;

    /** Adds a task; returns the node that runs it. */
    TaskNode.Run add(TaskParser.Parsed p) {
        tasks.add(p.task());
        notified.addAll(p.notifies());
        return new TaskNode.Run(tasks.size() - 1, p.notifyNames());
    }

    /** A {@code meta: flush_handlers} at {@code span}. */
    TaskNode.FlushHandlers flush(SourceSpan span) {
        return new TaskNode.FlushHandlers(flushes++, span);
    }

    /** Adds a handler (a task with a name or listen topics; the parser checked that). */
    void addHandler(TaskParser.Parsed p) {
        handlers.add(new Handler(p.task().name(), p.listen(), p.notifyNames(), p.task()));
        handlerSpans.add(p.task().span());
        notified.addAll(p.notifies());
    }

    List<Task> tasks() {
        return List.copyOf(tasks);
    }

    /**
     * The flow of {@code body}; every notify that reaches no handler of {@code stepId} is an error
     * (Ansible refuses it too), and a handler name given twice a warning (only the first answers).
     */
    TaskFlow build(List<TaskNode> body, Boolean forceHandlers, String stepId, Diagnostics diags) {
        TaskFlow flow = new TaskFlow(body, handlers, forceHandlers);
        Set<String> known = new LinkedHashSet<>();
        Map<String, SourceSpan> firstByName = new LinkedHashMap<>();
        for (int i = 0; i < handlers.size(); i++) {
            Handler h = handlers.get(i);
            if (h.name() != null) {
                known.add(h.name());
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
