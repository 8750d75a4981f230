package dev.runbook.state;

import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import dev.runbook.model.Task;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** What {@code --resume} checks before it runs anything. */
public final class ResumeCheck {
    private ResumeCheck() {
    }

    /** Files edited, added or removed since the run, one line each ("runbook file /x/up.yml was edited"). */
    public static List<String> changes(RunOrigin then, RunOrigin now) {
        List<String> out = new ArrayList<>();
        compare("runbook", then.runbookFiles(), now.runbookFiles(), out);
        if (!Objects.equals(then.inventories(), now.inventories())) {
            out.add("the inventory was " + show(then.inventories()) + ", now " + show(now.inventories()));
        } else {
            compare("inventory", then.inventoryFiles(), now.inventoryFiles(), out);
        }
        return out;
    }

    private static String show(List<String> inventories) {
        return inventories.isEmpty() ? "localhost" : String.join(" ", inventories);
    }

    private static void compare(String what, Map<String, String> then, Map<String, String> now, List<String> out) {
        for (String f : new TreeSet<>(then.keySet())) {
            String sha = now.get(f);
            if (sha == null) {
                out.add(what + " file " + f + " is no longer used");
            } else if (!sha.equals(then.get(f))) {
                out.add(what + " file " + f + (sha.equals("missing") ? " was removed" : " was edited"));
            }
        }
        for (String f : new TreeSet<>(now.keySet())) {
            if (!then.containsKey(f)) {
                out.add(what + " file " + f + " is new");
            }
        }
    }

    /** A task that was running when the run stopped and cannot tell whether it had finished. */
    public record Unknown(String host, String step, int index, String task, String item) {
        public String describe() {
            return "host " + host + ", step '" + step + "', task " + (index + 1) + " '" + task + "'"
                    + (item == null ? "" : " (item " + item + ")");
        }
    }

    /** Every task (or loop item) that was running when the run stopped: "host web1, step 'up', task 2 'migrate'". */
    public static List<String> inFlight(RunView view) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<RunView.Key, RunView.Entry> e : view.tasks().entrySet()) {
            RunView.Key k = e.getKey();
            Map<String, Object> r = e.getValue().started();
            boolean loopWhole = k.item() < 0 && view.tasks().keySet().stream().anyMatch(o -> o.item() >= 0
                    && o.host().equals(k.host()) && o.step().equals(k.step()) && o.index() == k.index());
            if (e.getValue().inFlight() && !loopWhole) {
                out.add(new Unknown(k.host(), k.step(), k.index(), String.valueOf(r.get("task")), (String) r.get("item")).describe());
            }
        }
        return out;
    }

    /**
     * The tasks that may have run (in flight, or cut off by a dropped connection) whose module
     * cannot check whether they already ran: a bare command or shell without creates, removes or
     * check (and not marked read-only by check_mode: false). Running them again is the operator's call.
     */
    public static List<Unknown> uncheckable(RunView view, Runbook runbook, ModuleRegistry modules) {
        List<Unknown> out = new ArrayList<>();
        for (Map.Entry<RunView.Key, RunView.Entry> e : view.tasks().entrySet()) {
            RunView.Key k = e.getKey();
            if (!e.getValue().mayHaveRun()) {
                continue;
            }
            Step step = runbook.steps().get(k.step());
            Task task = step == null ? null : step.taskAt(k.index());
            if (task == null) {
                continue; // gone from the runbook (--force): nothing of it will run
            }
            if (task.loop() != null && k.item() < 0) {
                continue; // a loop's items decide, one by one
            }
            boolean safe = modules.find(task.module().module()).map(m -> safe(m, task)).orElse(true);
            if (!safe) {
                Map<String, Object> r = e.getValue().started();
                out.add(new Unknown(k.host(), k.step(), k.index(), task.displayName(), (String) r.get("item")));
            }
        }
        return out;
    }

    private static boolean safe(Module m, Task task) {
        if (Boolean.FALSE.equals(task.checkMode())) {
            return true; // its author vouches that it only reads (it runs in plans too): running it again is safe
        }
        if (task.creates() != null || task.removes() != null || task.check() != null) {
            return true;
        }
        return m.safeToRepeat(task.module().args());
    }
}
