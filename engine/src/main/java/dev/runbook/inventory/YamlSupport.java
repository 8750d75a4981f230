package dev.runbook.inventory;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.runbook.vault.VaultedString;
import org.snakeyaml.engine.v2.api.ConstructNode;
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
    private static final Tag VAULT = new Tag("!vault");

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

    /**
     * The plain Java value of a node, maps with string keys throughout; an inline {@code !vault}
     * value becomes a {@link VaultedString}, decrypted only when a run needs it (as in Ansible).
     */
    static Object value(Node node, String file) {
        ConstructNode vault = n -> {
            if (!(n instanceof ScalarNode s)) {
                throw UserInputException.of(span(file, n), "!vault marks an encrypted string, not " + kind(n), "");
            }
            return new VaultedString(s.getValue(), span(file, n));
        };
        LoadSettings settings = LoadSettings.builder().setSchema(SCHEMA).setTagConstructors(Map.of(VAULT, vault)).build();
        try {
            Object raw = new StandardConstructor(settings).constructSingleDocument(Optional.of(node));
            return normalize(raw);
        } catch (MarkedYamlEngineException e) {
            throw UserInputException.of(span(file, node), "invalid YAML value: " + e.getProblem(), "");
        } catch (YamlEngineException e) {
            throw UserInputException.of(span(file, node), "invalid YAML value: " + e.getMessage(), "");
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
