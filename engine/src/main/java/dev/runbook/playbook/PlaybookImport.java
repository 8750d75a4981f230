package dev.runbook.playbook;

import dev.runbook.playbook.Playbooks.Play;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Turns an Ansible playbook into the text of an equivalent runbook: each play a step (two when
 * it has {@code pre_tasks} or {@code vars_files}), chained by {@code needs} in play order, with a
 * comment at every construct that has no equivalent.
 */
public final class PlaybookImport {
    private static final Map<String, String> NO_EQUIVALENT = Map.ofEntries(
            Map.entry("tags", "select steps with --only/--from instead"),
            Map.entry("environment", "set the variables in the commands (or shell `environment:` per task)"),
            Map.entry("vars_prompt", "pass the values with -e instead"),
            Map.entry("connection", "runbook connects over SSH, or locally to localhost; set ansible_connection in the inventory"),
            Map.entry("remote_user", "set ansible_user in the inventory"),
            Map.entry("port", "set ansible_port in the inventory"),
            Map.entry("strategy", "hosts already walk the steps at their own pace"),
            Map.entry("order", "hosts run in inventory order"),
            Map.entry("collections", "write modules by their full or short name"),
            Map.entry("module_defaults", "write the arguments on each task"));

    private PlaybookImport() {
    }

    /** The runbook text for {@code playbook}; bad input throws a UserInputException. */
    public static String convert(Path playbook) {
        List<Play> plays = Playbooks.read(playbook);
        StringBuilder out = new StringBuilder();
        String name = Objects.toString(playbook.getFileName(), "playbook").replaceFirst("\\.ya?ml$", "");
        out.append("# Imported from ").append(playbook).append(" by `runbook import`: each play is a step, "
                + "chained by `needs`.\n");
        out.append("runbook: ").append(YamlWriter.scalar(name, org.snakeyaml.engine.v2.common.ScalarStyle.DOUBLE_QUOTED))
                .append('\n');
        header(out, plays);
        out.append("steps:\n");
        Set<String> ids = new LinkedHashSet<>();
        String previous = null;
        for (int i = 0; i < plays.size(); i++) {
            Play play = plays.get(i);
            for (String note : play.notes()) {
                YamlWriter.comment(out, 2, note);
            }
            if (!play.file().toAbsolutePath().normalize().getParent()
                    .equals(playbook.toAbsolutePath().normalize().getParent())) {
                YamlWriter.comment(out, 2, "from " + playbook.toAbsolutePath().normalize().getParent()
                        .relativize(play.file().toAbsolutePath().normalize()) + ": its relative paths (roles, files) are "
                        + "looked for beside this runbook");
            }
            previous = new PlayStep(play, previous, hostsCondition(plays, play)).write(out, ids, i + 1);
        }
        return out.toString();
    }

    /** Top-level hosts, serial and max_fail_percentage: taken from the plays when they agree. */
    private static void header(StringBuilder out, List<Play> plays) {
        List<String> patterns = new ArrayList<>();
        for (Play p : plays) {
            String h = hosts(p);
            if (!patterns.contains(h)) {
                patterns.add(h);
            }
        }
        out.append("hosts: ").append(YamlWriter.scalar(String.join(":", patterns),
                org.snakeyaml.engine.v2.common.ScalarStyle.DOUBLE_QUOTED)).append('\n');
        for (String key : List.of("serial", "max_fail_percentage")) {
            Node first = null;
            Set<String> texts = new java.util.HashSet<>();
            for (Play p : plays) {
                Node v = Playbooks.find(p.node(), key);
                texts.add(v instanceof ScalarNode s ? s.getValue() : String.valueOf(v));
                if (first == null && v != null) {
                    first = v;
                }
            }
            boolean differs = texts.size() > 1;
            if (key.equals("max_fail_percentage") && first == null && plays.stream()
                    .anyMatch(p -> isTrue(Playbooks.find(p.node(), "any_errors_fatal")))) {
                YamlWriter.comment(out, 0, "any_errors_fatal: runbook stops starting batches once a host of a batch "
                        + "failed; hosts already running finish their step");
                out.append("max_fail_percentage: 0\n");
            }
            if (key.equals("max_fail_percentage") && first != null && plays.stream()
                    .anyMatch(p -> isTrue(Playbooks.find(p.node(), "any_errors_fatal")))) {
                YamlWriter.comment(out, 0, "any_errors_fatal was left out: max_fail_percentage is set; "
                        + "write max_fail_percentage: 0 to stop after any failed host");
            }
            if (first == null) {
                continue;
            }
            if (differs || !(first instanceof ScalarNode)) {
                YamlWriter.comment(out, 0, "the plays' `" + key + "` differ: runbook has one for the whole runbook; "
                        + "the first play's is used (split the runbook to keep each)");
            }
            if (first instanceof ScalarNode) {
                YamlWriter.entry(out, 0, key, first);
            }
        }
    }

    static boolean isTrue(Node node) {
        return node instanceof ScalarNode s && Set.of("true", "yes", "on", "1").contains(s.getValue().toLowerCase());
    }

    static String hosts(Play p) {
        Node h = Playbooks.find(p.node(), "hosts");
        if (h instanceof ScalarNode s) {
            return s.getValue().replace(',', ':').replace(" ", "");
        }
        List<String> parts = new ArrayList<>();
        if (h instanceof org.snakeyaml.engine.v2.nodes.SequenceNode seq) {
            for (Node n : seq.getValue()) {
                if (n instanceof ScalarNode s) {
                    parts.add(s.getValue());
                }
            }
        }
        return String.join(":", parts);
    }

    /** The `when:` restricting a play to its own hosts when plays differ; null when all plays agree. */
    private static String hostsCondition(List<Play> plays, Play play) {
        String own = hosts(play);
        if (plays.stream().allMatch(p -> hosts(p).equals(own)) || own.equals("all") || own.equals("*")) {
            return null;
        }
        if (!own.matches("[A-Za-z0-9_.\\-:]+")) {
            return "#" + own;
        }
        List<String> tests = new ArrayList<>();
        for (String part : own.split(":")) {
            tests.add("inventory_hostname in (groups['" + part + "'] | default([])) or inventory_hostname == '"
                    + part + "'");
        }
        return String.join(" or ", tests);
    }

    static String noEquivalent(NodeTuple t) {
        String key = ((ScalarNode) t.getKeyNode()).getValue();
        return NO_EQUIVALENT.getOrDefault(key, "leave it out, or express it on the step's tasks");
    }
}
