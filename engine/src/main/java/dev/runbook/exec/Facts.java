package dev.runbook.exec;

import dev.runbook.facts.HostFacts;
import dev.runbook.model.Task;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Host facts are gathered only for tasks that read them ({@code ansible_facts.os_family} or
 * {@code ansible_os_family}), once per host, so runbooks that never ask pay nothing.
 */
final class Facts {
    private static final Pattern READS_FACTS = Pattern.compile("\\bansible_(facts|" + String.join("|", HostFacts.NAMES) + ")\\b");

    private Facts() {
    }

    static boolean wanted(Task task) {
        String text = String.valueOf(task.module().args()) + " " + (task.when() == null ? "" : task.when().text())
                + " " + task.loop() + " " + task.vars();
        return READS_FACTS.matcher(text).find();
    }

    static Map<String, Object> asVars(Map<String, Object> facts) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ansible_facts", facts);
        facts.forEach((k, v) -> out.put("ansible_" + k, v));
        return out;
    }
}
