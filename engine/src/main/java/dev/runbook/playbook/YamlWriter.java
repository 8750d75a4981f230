package dev.runbook.playbook;

import java.util.List;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Writes composed YAML nodes back as block YAML that reads the same: plain scalars keep their
 * text (so `yes`, `0644` and templates mean what they meant), other scalars are double-quoted,
 * and explicit tags such as {@code !vault} are kept.
 */
final class YamlWriter {
    private static final String STANDARD_TAG = "tag:yaml.org,2002:";

    private YamlWriter() {
    }

    /** `key: value` lines at {@code indent}. */
    static void entry(StringBuilder out, int indent, String key, Node value) {
        out.append(" ".repeat(indent)).append(key).append(':');
        value(out, indent, value);
    }

    /** A comment line at {@code indent}; several lines if the text holds newlines. */
    static void comment(StringBuilder out, int indent, String text) {
        for (String line : text.split("\n")) {
            out.append(" ".repeat(indent)).append("# ").append(line).append('\n');
        }
    }

    /** Sequence items written as `- item` lines at {@code indent}. */
    static void items(StringBuilder out, int indent, List<Node> items) {
        for (Node item : items) {
            item(out, indent, item);
        }
    }

    static String scalar(String text, ScalarStyle style) {
        if (style == ScalarStyle.PLAIN && !text.isEmpty()) {
            return text;
        }
        StringBuilder q = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r' -> q.append("\\r");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\x%02x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    /** The text after `key:` (or `- `): an inline value, or a newline and an indented block. */
    private static void value(StringBuilder out, int indent, Node node) {
        String tag = tag(node);
        if (node instanceof ScalarNode s) {
            out.append(' ').append(tag).append(scalar(s.getValue(), s.getScalarStyle())).append('\n');
        } else if (node instanceof MappingNode m && m.getValue().isEmpty()) {
            out.append(' ').append(tag).append("{}\n");
        } else if (node instanceof SequenceNode s && s.getValue().isEmpty()) {
            out.append(' ').append(tag).append("[]\n");
        } else if (node instanceof MappingNode m) {
            out.append(tag.isEmpty() ? "" : " " + tag.strip()).append('\n');
            for (NodeTuple t : m.getValue()) {
                entry(out, indent + 2, key(t.getKeyNode()), t.getValueNode());
            }
        } else if (node instanceof SequenceNode s) {
            out.append(tag.isEmpty() ? "" : " " + tag.strip()).append('\n');
            items(out, indent + 2, s.getValue());
        }
    }

    private static void item(StringBuilder out, int indent, Node item) {
        boolean block = (item instanceof MappingNode m && !m.getValue().isEmpty())
                || (item instanceof SequenceNode s && !s.getValue().isEmpty());
        if (!block || !tag(item).isEmpty()) {
            out.append(" ".repeat(indent)).append('-');
            value(out, indent, item);
            return;
        }
        StringBuilder inner = new StringBuilder();
        if (item instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                entry(inner, indent + 2, key(t.getKeyNode()), t.getValueNode());
            }
        } else {
            items(inner, indent + 2, ((SequenceNode) item).getValue());
        }
        out.append(" ".repeat(indent)).append("- ").append(inner, indent + 2, inner.length());
    }

    static String key(Node key) {
        return key instanceof ScalarNode s ? scalar(s.getValue(), s.getScalarStyle()) : scalar(String.valueOf(key), null);
    }

    private static String tag(Node node) {
        String tag = node.getTag().getValue();
        if (tag.startsWith(STANDARD_TAG) || (node instanceof ScalarNode s && s.getScalarStyle() != ScalarStyle.PLAIN
                && tag.equals(STANDARD_TAG + "str"))) {
            return "";
        }
        return tag.startsWith("!") ? tag + " " : "!<" + tag + "> ";
    }
}
