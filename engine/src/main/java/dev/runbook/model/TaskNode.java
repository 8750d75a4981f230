package dev.runbook.model;

import dev.runbook.diag.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a step's task list as written: a task, a {@code block} (with its {@code rescue}
 * and {@code always}), or {@code meta: flush_handlers}. The tasks themselves live in
 * {@link Step#tasks()} (in file order, block, rescue and always tasks included), so every task has
 * one stable index for events, the journal and resume; nodes refer to them by that index.
 * Keywords written on a block ({@code when}, {@code become}, {@code vars}, ...) are already
 * folded into its tasks by the parser.
 */
public sealed interface TaskNode {

    /**
     * Runs {@code Step.tasks().get(index)}; when it reports changed it notifies {@code notify}
     * (handler names or {@code listen} topics, checked when parsed; inherited from the enclosing
     * block when the task names none).
     */
    record Run(int index, List<String> notifies) implements TaskNode {
        public Run {
            if (index < 0) {
                throw new IllegalArgumentException("task index must be >= 0: " + index);
            }
            notifies = List.copyOf(notifies);
        }
    }

    /**
     * Ansible's block: {@code block} runs in order; when one of its tasks fails (not ignored),
     * {@code rescue} runs and, when it finishes, the failure is cleared; {@code always} runs in
     * every case. {@code name} may be null.
     */
    record Block(String name, List<TaskNode> block, List<TaskNode> rescue, List<TaskNode> always,
                 SourceSpan span) implements TaskNode {
        public Block {
            Objects.requireNonNull(span, "span");
            block = List.copyOf(block);
            rescue = List.copyOf(rescue);
            always = List.copyOf(always);
        }

        /** "block 'name'" or "the block at file:line". */
        public String describe() {
            return name != null && !name.isBlank() ? "block '" + name + "'" : "the block at " + span;
        }
    }

    /**
     * {@code meta: flush_handlers}: the handlers notified so far run here. {@code point} numbers
     * the flush points of a step from 0 in file order; the end of the step is the last point,
     * {@link TaskFlow#flushPoints()} - 1.
     */
    record FlushHandlers(int point, SourceSpan span) implements TaskNode {
        public FlushHandlers {
            Objects.requireNonNull(span, "span");
        }
    }
}
