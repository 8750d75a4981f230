package dev.runbook.plan;

import dev.runbook.model.RunPolicy;
import dev.runbook.model.Step;
import java.util.List;

/** Prints a step graph as text, Graphviz dot or Mermaid; output depends only on the runbook. */
public final class GraphRenderer {
    public enum Format { TEXT, DOT, MERMAID }

    private GraphRenderer() {
    }

    public static String render(StepGraph g, Format format) {
        return switch (format) {
            case TEXT -> text(g);
            case DOT -> dot(g);
            case MERMAID -> mermaid(g);
        };
    }

    private static String text(StepGraph g) {
        StringBuilder sb = new StringBuilder();
        sb.append(g.runbook().name()).append(" (").append(g.order().size()).append(" steps)\n");
        for (String id : g.order()) {
            Step s = g.runbook().steps().get(id);
            sb.append("  ").append(id);
            List<String> needs = g.needs(id);
            if (!needs.isEmpty()) {
                sb.append("  ← ").append(String.join(", ", needs));
            }
            if (s.run() != RunPolicy.ON_SUCCESS) {
                sb.append("  [").append(s.run().yaml()).append("]");
            }
            if (s.runOnce()) {
                sb.append("  [run_once]");
            }
            if (s.discovery()) {
                sb.append("  [discovery]");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String dot(StepGraph g) {
        StringBuilder sb = new StringBuilder("digraph \"" + escape(g.runbook().name()) + "\" {\n  rankdir=LR;\n");
        for (String id : g.order()) {
            Step s = g.runbook().steps().get(id);
            sb.append("  \"").append(escape(id)).append('"');
            if (s.run() != RunPolicy.ON_SUCCESS) {
                sb.append(" [style=dashed, xlabel=\"").append(s.run().yaml()).append("\"]");
            }
            sb.append(";\n");
        }
        for (String id : g.order()) {
            for (String need : g.needs(id)) {
                sb.append("  \"").append(escape(need)).append("\" -> \"").append(escape(id)).append("\";\n");
            }
        }
        return sb.append("}\n").toString();
    }

    private static String mermaid(StepGraph g) {
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        List<String> ids = g.order();
        for (int i = 0; i < ids.size(); i++) {
            Step s = g.runbook().steps().get(ids.get(i));
            String label = s.run() == RunPolicy.ON_SUCCESS ? ids.get(i) : ids.get(i) + " (" + s.run().yaml() + ")";
            sb.append("  s").append(i).append("[\"").append(label.replace("\"", "#quot;")).append("\"]\n");
        }
        for (int i = 0; i < ids.size(); i++) {
            for (String need : g.needs(ids.get(i))) {
                sb.append("  s").append(ids.indexOf(need)).append(" --> s").append(i).append('\n');
            }
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
