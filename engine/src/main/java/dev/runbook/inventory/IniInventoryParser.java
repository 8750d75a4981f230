package dev.runbook.inventory;

import dev.runbook.diag.Diagnostic;
import dev.runbook.diag.Diagnostics;
import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.Suggestions;
import dev.runbook.diag.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's INI inventory: lines before any section are ungrouped hosts; [NAME] lists hosts
 * with inline key=value variables, [NAME:children] child groups, [NAME:vars] variables. A group
 * may be named as a child before its own section. Values are read as Python literals.
 */
final class IniInventoryParser {
    private static final Pattern SECTION = Pattern.compile("^\\[([^:\\]\\s]+)(?::(\\w+))?\\]\\s*(?:#.*)?$",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern GROUP_NAME = Pattern.compile("^([^:\\]\\s]+)\\s*(?:#.*)?$");
    private static final List<String> SECTION_TYPES = List.of("hosts", "children", "vars");

    /** A group named before it is declared: as a child (with its parents) or by its :vars. */
    private record Pending(String state, SourceSpan at, List<String> parents) {
    }

    private final String file;
    private final InventoryBuilder b;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private String group = InventoryBuilder.UNGROUPED;
    private String state = "hosts";
    private SourceSpan at = SourceSpan.NONE;

    private IniInventoryParser(String file, InventoryBuilder b) {
        this.file = file;
        this.b = b;
    }

    static InventoryBuilder parse(String text, String file) {
        return parse(text, file, new InventoryBuilder());
    }

    /** Adds the file's groups and hosts to {@code b} (several sources share one builder, as in Ansible). */
    static InventoryBuilder parse(String text, String file, InventoryBuilder b) {
        IniInventoryParser p = new IniInventoryParser(file, b);
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            p.line(lines[i], i + 1);
        }
        p.checkPending();
        return p.b;
    }

    private void line(String raw, int number) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
            return;
        }
        at = SourceSpan.of(file, number, raw.indexOf(line.charAt(0)) + 1);
        Matcher m = SECTION.matcher(line);
        if (m.matches()) {
            section(m.group(1), m.group(2) == null ? "hosts" : m.group(2), line);
        } else if (line.startsWith("[")) {
            throw error("invalid section header " + line + ": expected [NAME], [NAME:children] or [NAME:vars], "
                    + "with no spaces in NAME", "");
        } else if (state.equals("hosts")) {
            IniHostLine.add(b, group, line, at);
        } else if (state.equals("vars")) {
            variable(line);
        } else {
            child(line);
        }
    }

    private void section(String name, String type, String line) {
        if (!SECTION_TYPES.contains(type)) {
            throw error("unknown section type '" + type + "' in " + line + ": expected children or vars",
                    Suggestions.didYouMean(type, SECTION_TYPES));
        }
        group = name;
        state = type;
        if (!b.hasGroup(name)) {
            if (type.equals("vars") && !pending.containsKey(name)) {
                pending.put(name, new Pending("vars", at, new ArrayList<>()));
            }
            b.group(name);
        }
        Pending p = pending.get(name);
        if (p != null && !type.equals("vars")) {
            if (p.state().equals("children")) {
                addPendingChildren(name);
            } else {
                pending.remove(name);
            }
        }
    }

    private void addPendingChildren(String name) {
        Pending p = pending.get(name);
        for (String parent : p.parents()) {
            b.addChild(parent, name, p.at());
            Pending up = pending.get(parent);
            if (up != null && up.state().equals("children")) {
                addPendingChildren(parent);
            }
        }
        pending.remove(name);
    }

    private void variable(String line) {
        int eq = line.indexOf('=');
        String key = eq < 0 ? "" : line.substring(0, eq).strip();
        if (key.isEmpty()) {
            throw error("expected key=value in [" + group + ":vars], got '" + line + "'", "");
        }
        b.setGroupVar(group, key, PythonLiteral.value(line.substring(eq + 1).strip()), at);
    }

    private void child(String line) {
        Matcher m = GROUP_NAME.matcher(line);
        if (!m.matches()) {
            throw error("expected one group name per line in [" + group + ":children], got '" + line + "'", "");
        }
        String kid = m.group(1);
        if (b.hasGroup(kid)) {
            b.addChild(group, kid, at);
        } else if (pending.containsKey(kid)) {
            pending.get(kid).parents().add(group);
        } else {
            pending.put(kid, new Pending("children", at, new ArrayList<>(List.of(group))));
        }
    }

    /** Every group named but never declared, reported together. */
    private void checkPending() {
        Diagnostics d = new Diagnostics();
        pending.forEach((name, p) -> {
            List<String> known = b.groups.keySet().stream().filter(g -> !pending.containsKey(g)).toList();
            String summary = p.state().equals("vars")
                    ? "[" + name + ":vars] sets variables of group '" + name + "', which has no [" + name
                            + "] or [" + name + ":children] section"
                    : "[" + p.parents().get(p.parents().size() - 1) + ":children] names group '" + name
                            + "', which is not defined anywhere";
            d.add(Diagnostic.error(p.at(), summary).withSuggestion(Suggestions.didYouMean(name, known)));
        });
        d.throwIfErrors();
    }

    private UserInputException error(String summary, String suggestion) {
        return UserInputException.of(at, summary, suggestion);
    }
}
