package dev.runbook.parse;

import dev.runbook.model.Serial;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Reads how a runbook batches its hosts: {@code serial} and {@code max_fail_percentage}. */
final class BatchParser {
    private static final Pattern PERCENT = Pattern.compile("(\\d+)\\s*%");

    private BatchParser() {
    }

    /** A host count ({@code 5}) or a percentage of the hosts ({@code 25%}). */
    static Serial serial(NodeReader r, Node n) {
        if (n instanceof ScalarNode s) {
            var m = PERCENT.matcher(s.getValue().strip());
            try {
                if (m.matches()) {
                    return new Serial(Integer.parseInt(m.group(1)), true);
                }
                if (s.getValue().strip().matches("\\d+")) {
                    return new Serial(Integer.parseInt(s.getValue().strip()), false);
                }
            } catch (IllegalArgumentException ignored) {
                // reported below
            }
        }
        r.error(n, "serial must be a host count like 5 or a percentage like 25%, not " + NodeReader.describe(n));
        return null;
    }

    /** A percentage from 0 to 100, with or without its {@code %}. */
    static Integer maxFailPercentage(NodeReader r, Node n) {
        if (n instanceof ScalarNode s) {
            var m = PERCENT.matcher(s.getValue().strip());
            String digits = m.matches() ? m.group(1) : s.getValue().strip();
            if (digits.matches("\\d{1,3}") && Integer.parseInt(digits) <= 100) {
                return Integer.parseInt(digits);
            }
        }
        r.error(n, "max_fail_percentage must be a percentage from 0 to 100, not " + NodeReader.describe(n));
        return null;
    }
}
