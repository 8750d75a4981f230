package dev.runbook.exec;

import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Footprint;
import dev.runbook.modules.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * Plan mode, one host: what earlier tasks are predicted to change (or might), so that a later
 * probe that reads the same thing is reported as unknown instead of as what the host holds now.
 * Only changes made earlier in the same step, or in a step the reading step needs, count: steps
 * that do not depend on each other have no order. Thread-safe (a host's steps run in parallel).
 */
final class Predictions {
    private record Write(String step, String task, Resource resource) {
    }

    private final List<Write> writes = new ArrayList<>();
    private boolean unscopedChange;

    /** Records what a task is predicted to change; a change whose extent is unknown is remembered as such. */
    synchronized void note(String step, String task, Footprint footprint, ChangeKind kind) {
        if (kind == ChangeKind.NONE) {
            return;
        }
        if (!footprint.writesKnown()) {
            unscopedChange = true;
            return;
        }
        footprint.writes().forEach(r -> writes.add(new Write(step, task, r)));
    }

    /**
     * Why a probe reading {@code reads} in {@code step} cannot know what apply will find, or null:
     * {@code depends on what 'deploy › sync' would change first (/var/www/shop)}. The steps that
     * ended before it are searched in graph order, then its own earlier tasks, so the answer is
     * the same on every run.
     */
    synchronized String stale(String step, List<String> earlierSteps, List<Resource> reads) {
        List<String> order = new ArrayList<>(earlierSteps);
        order.add(step);
        for (String s : order) {
            for (Write w : writes) {
                if (!w.step().equals(s)) {
                    continue;
                }
                for (Resource r : reads) {
                    if (r.overlaps(w.resource())) {
                        String who = s.equals(step) ? w.task() : s + " › " + w.task();
                        return "depends on what '" + who + "' would change first (" + w.resource().describe() + ")";
                    }
                }
            }
        }
        return null;
    }

    /** True once a task that may change the host without saying what was predicted to run. */
    synchronized boolean unscopedChange() {
        return unscopedChange;
    }
}
