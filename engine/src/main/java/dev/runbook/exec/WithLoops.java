package dev.runbook.exec;

import dev.runbook.model.Task;
import dev.runbook.template.TemplateException;
import dev.runbook.template.Templater;
import dev.runbook.template.jinja.Lookups;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The items of a {@code with_<lookup>} loop: its rendered terms given to the lookup plugin, as
 * Ansible does (first_found looks in {@code vars/} for include_vars, {@code templates/} for
 * template, {@code files/} otherwise).
 */
final class WithLoops {
    private static final String TERMS = "__runbook_with_terms";

    private WithLoops() {
    }

    static Object items(Templater templater, String plugin, Object terms, Task task, Map<String, Object> vars) throws TemplateException {
        Map<String, Object> withTerms = new LinkedHashMap<>(vars);
        withTerms.put(TERMS, terms);
        String subdir = switch (task.module().module()) {
            case "include_vars" -> "vars";
            case "template" -> "templates";
            default -> "files";
        };
        return templater.render("{{ " + Lookups.WITH_FUNCTION + "('" + plugin + "', " + TERMS + ", '" + subdir + "') }}",
                withTerms, task.span());
    }
}
