package dev.runbook.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a plan like {@code terraform plan}: per host (hosts with identical plans grouped), per
 * step, per task a symbol — {@code +} create, {@code ~} change, {@code -} remove, {@code =}
 * unchanged, {@code ?} unknown — with what and why; then one summary line.
 */
public final class PlanPrinter {
    private final PrintWriter out;
    private final boolean colour;
    private final boolean diff;

    public PlanPrinter(PrintWriter out, boolean colour, boolean diff) {
        this.out = out;
        this.colour = colour;
        this.diff = diff;
    }

    public void print(Plan plan) {
        for (Map.Entry<String, List<String>> group : groups(plan).entrySet()) {
            List<String> names = group.getValue();
            String title = names.size() == 1 ? names.get(0) : String.join(", ", names) + " (" + names.size() + " hosts, same plan)";
            out.println(colour ? Ansi.bold(title) : title);
            out.print(group.getKey());
            out.println();
        }
        out.println(summary(plan));
        out.flush();
    }

    /** Hosts grouped by identical rendered plan, in inventory order of each group's first host. */
    private Map<String, List<String>> groups(Plan plan) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Plan.HostPlan h : plan.hosts().values()) {
            groups.computeIfAbsent(render(h), k -> new ArrayList<>()).add(h.host());
        }
        return groups;
    }

    private String render(Plan.HostPlan h) {
        StringBuilder sb = new StringBuilder();
        if (h.unreachable() != null) {
            sb.append("  ").append(red("unreachable: " + h.unreachable())).append('\n');
        }
        for (Plan.StepPlan s : h.steps()) {
            if (s.tasks().isEmpty()) {
                List<Plan.TaskPlan> self = Plan.shown(s);
                if (!self.isEmpty()) {
                    line(sb, "  ", self.get(0));
                } else if (s.reason() != null) {
                    sb.append("  ").append(dim(s.step() + ": " + s.status() + " — " + s.reason())).append('\n');
                }
                continue;
            }
            sb.append("  ").append(s.step());
            if (s.status().equals("failed") && s.reason() != null) {
                sb.append(red("  (would fail: " + s.reason() + ")"));
            } else if (s.reason() != null) {
                sb.append(dim("  (" + s.reason() + ")"));
            }
            sb.append('\n');
            for (Plan.TaskPlan t : Plan.shown(s)) {
                line(sb, "    ", t);
                if (diff && t.diff() != null && !t.diff().isBlank()) {
                    t.diff().stripTrailing().lines().forEach(l -> sb.append("        ").append(diffLine(l)).append('\n'));
                }
            }
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, String indent, Plan.TaskPlan t) {
        sb.append(indent).append(symbol(t.kind())).append(' ').append(t.task());
        String text = t.kind().equals("ignored") ? "ignored: " + t.summary() : t.summary();
        if (text != null && !text.isEmpty()) {
            sb.append(dim("  — " + firstLine(text)));
        }
        sb.append('\n');
    }

    /**
     * One line of counts: every line of the body with a symbol is counted once, by its kind.
     * {@code ignored} failures count as would fail; the hosts' own unreachable lines are counted as hosts.
     */
    public static String summary(Plan plan) {
        Map<String, Integer> c = plan.counts();
        StringBuilder sb = new StringBuilder("Plan: ");
        sb.append(c.getOrDefault("+", 0)).append(" to create, ")
                .append(c.getOrDefault("~", 0)).append(" to change, ")
                .append(c.getOrDefault("-", 0)).append(" to remove, ")
                .append(c.getOrDefault("?", 0)).append(" unknown, ")
                .append(c.getOrDefault("=", 0)).append(" unchanged");
        int ignored = c.getOrDefault("ignored", 0);
        int failed = c.getOrDefault("failed", 0) + ignored;
        if (failed > 0) {
            sb.append(", ").append(failed).append(" would fail").append(ignored > 0 ? " (" + ignored + " ignored)" : "");
        }
        int rescued = c.getOrDefault("rescued", 0);
        if (rescued > 0) {
            sb.append(", ").append(rescued).append(" would fail and be rescued");
        }
        int skipped = c.getOrDefault("skipped", 0);
        if (skipped > 0) {
            sb.append(", ").append(skipped).append(" skipped");
        }
        long unreachable = plan.hosts().values().stream().filter(h -> h.unreachable() != null).count();
        if (unreachable > 0) {
            sb.append(", ").append(unreachable).append(unreachable == 1 ? " host unreachable" : " hosts unreachable");
        }
        int hosts = plan.hosts().size();
        return sb.append(", on ").append(hosts).append(hosts == 1 ? " host." : " hosts.").toString();
    }

    private String symbol(String kind) {
        return switch (kind) {
            case "+" -> colour ? Ansi.green("+") : "+";
            case "~" -> colour ? Ansi.yellow("~") : "~";
            case "-" -> colour ? Ansi.red("-") : "-";
            case "?" -> colour ? Ansi.cyan("?") : "?";
            case "=" -> colour ? Ansi.dim("=") : "=";
            case "failed", "ignored", "rescued" -> colour ? Ansi.red("!") : "!";
            default -> colour ? Ansi.dim("·") : "·";
        };
    }

    private String diffLine(String l) {
        if (!colour) {
            return l;
        }
        if (l.startsWith("+") && !l.startsWith("+++")) {
            return Ansi.green(l);
        }
        if (l.startsWith("-") && !l.startsWith("---")) {
            return Ansi.red(l);
        }
        return l;
    }

    private static String firstLine(String s) {
        String l = s.lines().findFirst().orElse("");
        return l.length() > 140 ? l.substring(0, 137) + "..." : l;
    }

    private String dim(String s) {
        return colour ? Ansi.dim(s) : s;
    }

    private String red(String s) {
        return colour ? Ansi.red(s) : s;
    }
}
