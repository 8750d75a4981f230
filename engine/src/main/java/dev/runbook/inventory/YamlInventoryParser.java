package dev.runbook.inventory;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.Suggestions;
import dev.runbook.diag.UserInputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Ansible's YAML inventory: top-level keys are groups (usually just 'all'); a group is a mapping
 * of hosts (host: vars), children (group: group body) and vars. A host key may be a range and
 * carry a port. Values keep their YAML types.
 */
final class YamlInventoryParser {
    private static final List<String> SECTIONS = List.of("hosts", "children", "vars");

    private final String file;
    private final InventoryBuilder b;

    private YamlInventoryParser(String file, InventoryBuilder b) {
        this.file = file;
        this.b = b;
    }

    static InventoryBuilder parse(String text, String file) {
        return parse(text, file, new InventoryBuilder());
    }

    /** Adds the file's groups and hosts to {@code b} (several sources share one builder, as in Ansible). */
    static InventoryBuilder parse(String text, String file, InventoryBuilder b) {
        YamlInventoryParser p = new YamlInventoryParser(file, b);
        Optional<Node> root = YamlSupport.compose(text, file);
        if (root.isEmpty() || YamlSupport.isNull(root.get())) {
            throw UserInputException.of(SourceSpan.of(file, 1, 1), "the YAML inventory is empty", "");
        }
        if (!(root.get() instanceof MappingNode top)) {
            throw p.error(root.get(), "a YAML inventory must be a mapping of group names, like 'all:', not "
                    + YamlSupport.kind(root.get()), "");
        }
        for (NodeTuple t : top.getValue()) {
            String name = p.name(t.getKeyNode());
            if (name.equals("plugin")) {
                throw p.error(t.getKeyNode(), "this is the configuration of an inventory plugin, not an inventory: "
                        + "plugins are not supported", "");
            }
            p.group(name, t.getValueNode());
        }
        return p.b;
    }

    private void group(String name, Node body) {
        if (!(body instanceof MappingNode map)) {
            if (!YamlSupport.isNull(body)) {
                throw error(body, "group '" + name + "' must be a mapping with hosts, children or vars, not "
                        + YamlSupport.kind(body), "");
            }
            b.group(name);
            return;
        }
        b.group(name);
        for (NodeTuple t : map.getValue()) {
            String key = name(t.getKeyNode());
            if (!SECTIONS.contains(key)) {
                throw error(t.getKeyNode(), "unknown key '" + key + "' in group '" + name
                        + "': expected hosts, children or vars", Suggestions.didYouMean(key, SECTIONS));
            }
            section(name, key, t.getValueNode());
        }
    }

    private void section(String group, String key, Node value) {
        if (YamlSupport.isNull(value)) {
            return;
        }
        List<NodeTuple> entries;
        if (value instanceof MappingNode map) {
            entries = map.getValue();
        } else if (value instanceof ScalarNode s) {
            // Ansible takes a single name written as a string as that one entry.
            entries = List.of(new NodeTuple(s, new ScalarNode(org.snakeyaml.engine.v2.nodes.Tag.NULL, "",
                    org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN)));
        } else {
            throw error(value, "'" + key + "' of group '" + group + "' must be a mapping, not " + YamlSupport.kind(value), "");
        }
        for (NodeTuple t : entries) {
            String name = name(t.getKeyNode());
            switch (key) {
                case "vars" -> b.setGroupVar(group, name, YamlSupport.value(t.getValueNode(), file),
                        YamlSupport.span(file, t.getKeyNode()));
                case "children" -> {
                    group(name, t.getValueNode());
                    b.addChild(group, name, YamlSupport.span(file, t.getKeyNode()));
                }
                default -> hosts(group, name, t);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void hosts(String group, String pattern, NodeTuple t) {
        SourceSpan at = YamlSupport.span(file, t.getKeyNode());
        Node varsNode = t.getValueNode();
        if (!YamlSupport.isNull(varsNode) && !(varsNode instanceof MappingNode)) {
            throw error(varsNode, "the variables of host '" + pattern + "' must be a mapping, not "
                    + YamlSupport.kind(varsNode), "");
        }
        Map<String, Object> vars = YamlSupport.isNull(varsNode) ? Map.of()
                : (Map<String, Object>) YamlSupport.value(varsNode, file);
        HostAddress address = IniHostLine.hostPattern(pattern, at);
        for (String host : IniHostLine.expand(address.host(), at)) {
            b.addHost(host, group, address.port());
            vars.forEach((k, v) -> b.setHostVar(host, k, v));
        }
    }

    private String name(Node key) {
        if (!(key instanceof ScalarNode s) || YamlSupport.isNull(key)) {
            throw error(key, "expected a name here, not " + YamlSupport.kind(key), "");
        }
        return s.getValue();
    }

    private UserInputException error(Node at, String summary, String suggestion) {
        return UserInputException.of(YamlSupport.span(file, at), summary, suggestion);
    }
}
