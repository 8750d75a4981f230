package dev.runbook.playbook;

import dev.runbook.diag.Diagnostics;
import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.parse.YamlSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads a playbook into its plays, following {@code import_playbook} entries in place. */
final class Playbooks {
    static final List<String> IMPORT_KEYS = List.of("import_playbook", "ansible.builtin.import_playbook",
            "ansible.legacy.import_playbook");

    /** One play: its mapping, the file it came from, and the import entries that led to it. */
    record Play(MappingNode node, Path file, List<String> notes) {
    }

    private Playbooks() {
    }

    static List<Play> read(Path playbook) {
        List<Play> plays = new ArrayList<>();
        read(playbook.normalize(), new ArrayList<>(), List.of(), plays);
        if (plays.isEmpty()) {
            throw UserInputException.of(SourceSpan.of(YamlSource.label(playbook), 1, 1),
                    "the playbook holds no play", "a playbook is a list of plays, each with hosts: and tasks:");
        }
        return plays;
    }

    private static void read(Path file, List<Path> chain, List<String> notes, List<Play> plays) {
        Diagnostics diags = new Diagnostics();
        Node root = YamlSource.load(file, SourceSpan.NONE, diags).orElse(null);
        diags.throwIfErrors();
        String label = YamlSource.label(file);
        if (!(root instanceof SequenceNode list)) {
            throw notPlaybook(label, root, "the file is not a playbook: expected a list of plays");
        }
        List<Path> inner = new ArrayList<>(chain);
        inner.add(file);
        for (Node entry : list.getValue()) {
            if (!(entry instanceof MappingNode play)) {
                throw notPlaybook(label, entry, "a play must be a mapping (hosts:, tasks:, ...)");
            }
            String imported = importTarget(label, play);
            if (imported != null) {
                Path target = resolve(file, imported);
                if (inner.contains(target)) {
                    throw notPlaybook(label, entry, "import_playbook loops back to " + target);
                }
                List<String> more = new ArrayList<>(notes);
                for (NodeTuple t : play.getValue()) {
                    String key = ((ScalarNode) t.getKeyNode()).getValue();
                    if (!IMPORT_KEYS.contains(key) && !key.equals("name")) {
                        more.add("`" + key + "` on `import_playbook: " + imported + "` has no equivalent: put it on "
                                + "each imported play (as a step's `when`/`vars`) instead");
                    }
                }
                read(target, inner, more, plays);
            } else if (find(play, "hosts") == null) {
                throw notPlaybook(label, entry, "a play needs `hosts:` (or is an `import_playbook:` entry)");
            } else {
                plays.add(new Play(play, file, notes));
            }
        }
    }

    private static String importTarget(String label, MappingNode play) {
        for (String key : IMPORT_KEYS) {
            Node value = find(play, key);
            if (value != null) {
                if (!(value instanceof ScalarNode s) || s.getValue().contains("{{")) {
                    throw notPlaybook(label, value, "import_playbook needs a file name written out (not a template)");
                }
                return s.getValue();
            }
        }
        return null;
    }

    static Node find(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    static SourceSpan span(String label, Node node) {
        return node == null ? SourceSpan.of(label, 1, 1)
                : node.getStartMark().map(m -> SourceSpan.of(label, m.getLine() + 1, m.getColumn() + 1))
                        .orElse(SourceSpan.of(label, 1, 1));
    }

    private static Path resolve(Path from, String relative) {
        Path dir = from.toAbsolutePath().getParent();
        return dir.resolve(relative).normalize();
    }

    private static UserInputException notPlaybook(String label, Node node, String message) {
        return UserInputException.of(span(label, node), message,
                "a playbook is a YAML list of plays (- hosts: web, tasks: [...]) or `- import_playbook: other.yml`");
    }
}
