package dev.runbook.playbook;

import dev.runbook.playbook.Playbooks.Play;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One play written as steps. Ansible runs pre_tasks, flushes handlers, then roles, tasks, flushes,
 * post_tasks and flushes again; a step runs its roles before its tasks and its handlers at its
 * end, so pre_tasks (and vars_files, read first) get a step of their own before the play's step,
 * and a {@code meta: flush_handlers} separates tasks from post_tasks.
 */
final class PlayStep {
    private static final Set<String> HANDLED = Set.of("name", "hosts", "serial", "max_fail_percentage",
            "any_errors_fatal", "vars", "vars_files", "roles", "pre_tasks", "tasks", "post_tasks", "handlers",
            "become", "become_user", "become_method", "gather_facts", "gather_subset", "force_handlers", "run_once", "timeout");
    private static final List<String> SHARED = List.of("become", "become_user", "become_method", "force_handlers",
            "run_once", "timeout");

    private final Play play;
    private final String previous;
    private final String hostsWhen;

    PlayStep(Play play, String previous, String hostsWhen) {
        this.play = play;
        this.previous = previous;
        this.hostsWhen = hostsWhen;
    }

    /** Writes the step(s); returns the id of the last one. */
    String write(StringBuilder out, Set<String> ids, int number) {
        String base = id(ids, number);
        Node pre = find("pre_tasks");
        Node varsFiles = find("vars_files");
        boolean split = pre != null || varsFiles != null;
        boolean main = find("roles") != null || find("tasks") != null || find("post_tasks") != null || !split;
        String last = previous;
        if (split) {
            String preId = main ? unique(ids, base + "-pre") : base;
            open(out, preId, last, main ? " (pre_tasks)" : "");
            YamlWriter.comment(out, 4, "Ansible flushes handlers after pre_tasks: this step's handlers run at its end");
            shared(out, true);
            out.append("    tasks:\n");
            varsFiles(out, varsFiles);
            if (pre instanceof SequenceNode s) {
                YamlWriter.items(out, 6, s.getValue());
            }
            handlers(out);
            last = preId;
        }
        if (main) {
            open(out, base, last, "");
            if (!split) {
                comments(out);
            }
            shared(out, !split);
            if (find("roles") != null) {
                YamlWriter.entry(out, 4, "roles", find("roles"));
            }
            List<Node> tasks = list("tasks");
            List<Node> post = list("post_tasks");
            if (!tasks.isEmpty() || !post.isEmpty() || find("roles") == null) {
                out.append("    tasks:\n");
                YamlWriter.items(out, 6, tasks);
                if (!post.isEmpty()) {
                    YamlWriter.comment(out, 6, "post_tasks (Ansible flushes handlers before them)");
                    if (!tasks.isEmpty() || find("roles") != null) {
                        out.append("      - meta: flush_handlers\n");
                    }
                    YamlWriter.items(out, 6, post);
                }
                if (tasks.isEmpty() && post.isEmpty()) {
                    YamlWriter.comment(out, 6, "the play has no tasks");
                    out.append("      - meta: noop\n");
                }
            }
            handlers(out);
            last = base;
        }
        return last;
    }

    private void open(StringBuilder out, String id, String needs, String suffix) {
        out.append("  ").append(id).append(":\n");
        Node name = find("name");
        if (name instanceof ScalarNode s) {
            out.append("    description: ").append(YamlWriter.scalar(s.getValue() + suffix,
                    org.snakeyaml.engine.v2.common.ScalarStyle.DOUBLE_QUOTED)).append('\n');
        }
        if (needs != null) {
            out.append("    needs: [").append(needs).append("]\n");
        }
        if (hostsWhen != null && hostsWhen.startsWith("#")) {
            YamlWriter.comment(out, 4, "the play ran on `" + hostsWhen.substring(1) + "` but runbook has one host "
                    + "pattern per runbook: add a `when:` to keep this step to those hosts");
        } else if (hostsWhen != null) {
            YamlWriter.comment(out, 4, "the play's hosts: " + PlaybookImport.hosts(play));
            out.append("    when: ").append(YamlWriter.scalar(hostsWhen,
                    org.snakeyaml.engine.v2.common.ScalarStyle.DOUBLE_QUOTED)).append('\n');
        }
    }

    /** vars, become and the like on every step of the play; facts are gathered by its first step only. */
    private void shared(StringBuilder out, boolean first) {
        if (find("vars") != null) {
            YamlWriter.entry(out, 4, "vars", find("vars"));
        }
        for (String key : SHARED) {
            if (find(key) != null) {
                YamlWriter.entry(out, 4, key, find(key));
            }
        }
        if (first) {
            Node gather = find("gather_facts");
            if (gather == null) {
                YamlWriter.comment(out, 4, "Ansible gathers facts unless the play says gather_facts: false");
                out.append("    gather_facts: true\n");
            } else {
                YamlWriter.entry(out, 4, "gather_facts", gather);
            }
            if (find("gather_subset") != null) {
                YamlWriter.entry(out, 4, "gather_subset", find("gather_subset"));
            }
        }
        if (first && (find("pre_tasks") != null || find("vars_files") != null)) {
            comments(out);
        }
    }

    private void varsFiles(StringBuilder out, Node varsFiles) {
        if (varsFiles == null) {
            return;
        }
        YamlWriter.comment(out, 6, "vars_files: read with include_vars (their variables then rank above inventory "
                + "variables, as set_fact does)");
        List<Node> files = varsFiles instanceof SequenceNode s ? s.getValue() : List.of(varsFiles);
        for (Node f : files) {
            if (f instanceof ScalarNode s) {
                out.append("      - include_vars:\n");
                YamlWriter.entry(out, 10, "file", s);
            } else {
                out.append("      - include_vars:\n");
                YamlWriter.entry(out, 10, "file", f);
                YamlWriter.comment(out, 8, "a list in vars_files means the first file found: use "
                        + "`with_first_found` on this task instead");
            }
        }
    }

    private void handlers(StringBuilder out) {
        if (find("handlers") != null) {
            YamlWriter.entry(out, 4, "handlers", find("handlers"));
        }
    }

    /** A comment for each play keyword runbook has no equivalent for. */
    private void comments(StringBuilder out) {
        for (NodeTuple t : play.node().getValue()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            if (!HANDLED.contains(key)) {
                String value = t.getValueNode() instanceof ScalarNode s ? ": " + s.getValue() : "";
                YamlWriter.comment(out, 4, "`" + key + value + "` (play) has no runbook equivalent and was left out: "
                        + PlaybookImport.noEquivalent(t));
            }
        }
    }

    private String id(Set<String> ids, int number) {
        String slug = find("name") instanceof ScalarNode s
                ? s.getValue().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.]+", "-").replaceAll("^-+|-+$", "")
                : "";
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        return unique(ids, slug.isEmpty() ? "play-" + number : slug);
    }

    private static String unique(Set<String> ids, String wanted) {
        String id = wanted;
        for (int n = 2; !ids.add(id); n++) {
            id = wanted + "-" + n;
        }
        return id;
    }

    private Node find(String key) {
        return Playbooks.find(play.node(), key);
    }

    private List<Node> list(String key) {
        return find(key) instanceof SequenceNode s ? s.getValue() : new ArrayList<>();
    }
}
