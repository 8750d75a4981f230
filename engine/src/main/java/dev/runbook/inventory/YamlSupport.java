package dev.runbook.inventory;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * YAML through the compose API, so every node keeps its line and column for diagnostics, and
 * values turned into plain Java (String, Integer/Long, Double, Boolean, List, Map, null) with
 * the YAML 1.1 types Ansible gives them ({@link AnsibleYamlSchema}).
 */
final class YamlSupport {
    private static final AnsibleYamlSchema SCHEMA = new AnsibleYamlSchema();

    private YamlSupport() {
    }

    /** The document's root node; empty for an empty document. */
    static Optional<Node> compose(String text, String file) {
        // Non-scalar keys are allowed here so that the parsers can report them with their position.
        LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowNonScalarKeys(true)
                .setSchema(SCHEMA).build();
        try {
            return new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            SourceSpan at = e.getProblemMark().or(e::getContextMark).map(m -> span(file, m))
                    .orElse(SourceSpan.of(file, 0, 0));
            throw UserInputException.of(at, "invalid YAML: " + e.getProblem(), "");
        } catch (YamlEngineException e) {
            throw UserInputException.of(SourceSpan.of(file, 0, 0), "invalid YAML: " + e.getMessage(), "");
        }
    }

    /** The plain Java value of a node, maps with string keys throughout. */
    static Object value(Node node, String file) {
        refuseVault(node, file, Collections.newSetFromMap(new IdentityHashMap<>()));
        try {
            Object raw = new StandardConstructor(LoadSettings.builder().setSchema(SCHEMA).build()).constructSingleDocument(Optional.of(node));
            return normalize(raw);
        } catch (MarkedYamlEngineException e) {
            throw UserInputException.of(span(file, node), "invalid YAML value: " + e.getProblem(), "");
        } catch (YamlEngineException e) {
            throw UserInputException.of(span(file, node), "invalid YAML value: " + e.getMessage(), "");
        }
    }

    /** Vault-encrypted values cannot be read without Ansible's vault password: said plainly. */
    private static void refuseVault(Node node, String file, Set<Node> seen) {
        if (!seen.add(node)) {
            return;
        }
        if ("!vault".equals(node.getTag().getValue())) {
            throw UserInputException.of(span(file, node), "this value is encrypted with Ansible Vault, "
                    + "which runbook cannot decrypt", "");
        }
        if (node instanceof MappingNode m) {
            m.getValue().forEach(t -> {
                refuseVault(t.getKeyNode(), file, seen);
                refuseVault(t.getValueNode(), file, seen);
            });
        } else if (node instanceof SequenceNode s) {
            s.getValue().forEach(n -> refuseVault(n, file, seen));
        }
    }

    static Object normalize(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
            return out;
        }
        if (value instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>();
            items.forEach(v -> out.add(normalize(v)));
            return out;
        }
        return value;
    }

    static SourceSpan span(String file, Node node) {
        return node.getStartMark().map(m -> span(file, m)).orElse(SourceSpan.of(file, 0, 0));
    }

    private static SourceSpan span(String file, Mark mark) {
        return SourceSpan.of(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** "a mapping", "a list", "a string"... for messages about the wrong kind of value. */
    static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = node.getTag();
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "a number";
        }
        if (Tag.BOOL.equals(tag)) {
            return "a boolean";
        }
        if (Tag.NULL.equals(tag)) {
            return "nothing";
        }
        return "a string";
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** The text of a scalar key; other keys are reported by the caller. */
    static Optional<String> text(Node node) {
        return node instanceof ScalarNode s ? Optional.of(s.getValue()) : Optional.empty();
    }
}
