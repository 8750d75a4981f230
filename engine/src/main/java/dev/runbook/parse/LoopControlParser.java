package dev.runbook.parse;

import dev.runbook.model.LoopControl;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/** A task's {@code loop_control}, checked: known keys, variable names, a duration, booleans. */
final class LoopControlParser {
    static final Set<String> KEYS = Set.of("loop_var", "index_var", "label", "pause", "extended", "extended_allitems");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private LoopControlParser() {
    }

    static LoopControl parse(NodeReader r, Map<String, NodeTuple> task, boolean hasLoop) {
        if (!task.containsKey("loop_control")) {
            return LoopControl.DEFAULT;
        }
        Node node = Fields.value(task, "loop_control");
        if (!hasLoop) {
            r.error(node, "loop_control without a loop", "add 'loop:' to the task, or remove loop_control");
        }
        var entries = r.mapping(node, "loop_control");
        if (entries.isEmpty()) {
            return LoopControl.DEFAULT;
        }
        Map<String, NodeTuple> e = entries.get();
        r.unknownKeys(e, KEYS, "loop_control");
        String loopVar = name(r, e, "loop_var");
        String indexVar = name(r, e, "index_var");
        String label = Fields.optionalString(r, e, "label");
        Duration pause = Fields.duration(r, e, "pause");
        boolean extended = Fields.flag(r, e, "extended");
        boolean allItems = !e.containsKey("extended_allitems") || Fields.flag(r, e, "extended_allitems");
        if (loopVar != null && loopVar.equals(indexVar)) {
            r.error(Fields.value(e, "index_var"), "index_var and loop_var are both '" + loopVar + "'",
                    "give the index another name, like '" + loopVar + "_index'");
        }
        return new LoopControl(loopVar, indexVar, label, pause, extended, allItems);
    }

    private static String name(NodeReader r, Map<String, NodeTuple> e, String key) {
        String v = Fields.optionalString(r, e, key);
        if (v != null && !IDENT.matcher(v).matches()) {
            r.error(Fields.value(e, key), key + " needs a variable name (letters, digits, _), not '" + v + "'");
            return null;
        }
        return v;
    }
}
