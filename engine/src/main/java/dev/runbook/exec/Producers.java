package dev.runbook.exec;

import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import dev.runbook.model.Task;
import dev.runbook.modules.ModuleRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which steps set which variables ({@code register}, {@code set_fact}), so that a condition that
 * is false only because a variable is undefined — its step did not run: not selected by --only,
 * skipped — is said out loud instead of silently skipping the work.
 */
final class Producers {
    private static final Pattern NAME = Pattern.compile("(?<![\\w.'\"])([A-Za-z_]\\w*)");
    private final Map<String, Set<String>> stepsSetting = new LinkedHashMap<>();

    Producers(Runbook runbook, ModuleRegistry modules) {
        for (Step s : runbook.steps().values()) {
            List<Task> tasks = new java.util.ArrayList<>(s.tasks());
            s.flow().handlers().forEach(h -> tasks.add(h.task()));
            for (Task t : tasks) {
                if (t.register() != null) {
                    stepsSetting.computeIfAbsent(t.register(), k -> new LinkedHashSet<>()).add(s.id());
                }
                modules.find(t.module().module()).ifPresent(m -> m.factNames(t.module().args())
                        .forEach(k -> stepsSetting.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(s.id())));
            }
        }
    }

    /**
     * Why {@code condition} may have been false for want of a variable: the first name it reads
     * that is undefined in {@code vars} and set only by other steps that did not run on this host;
     * null when there is no such name.
     */
    String missing(String condition, Map<String, Object> vars, String currentStep, HostState host) {
        Matcher m = NAME.matcher(condition);
        while (m.find()) {
            String name = m.group(1);
            Set<String> steps = stepsSetting.get(name);
            if (steps == null || vars.containsKey(name) || steps.contains(currentStep)) {
                continue;
            }
            List<String> why = new ArrayList<>();
            for (String s : steps) {
                String notRun = host.notRun(s);
                if (notRun == null) {
                    why = null;
                    break;
                }
                why.add("'" + s + "' (" + notRun + ")");
            }
            if (why != null) {
                return "'" + name + "' is undefined because the step" + (why.size() == 1 ? " that sets it did" : "s that set it did")
                        + " not run on this host: " + String.join(", ", why);
            }
        }
        return null;
    }
}
