package dev.runbook.report.html;

import static dev.runbook.report.html.Html.esc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's long texts — what a task printed, a file's diff — written once each: a text
 * shown already (the same output or the same change on another host, a failed task's output
 * that the failures show) is a link to where it stands instead; a very long text keeps its
 * first and last lines. A fleet doing the same thing everywhere stays small.
 */
final class Blocks {
    /** Texts shorter than this are written again: a link would not be much shorter. */
    static final int SHARED_FROM = 120;
    static final int HEAD = 100;
    static final int TAIL = 150;

    /** How a text is shown: a link, inline on the task's line ({@code link}), or a block of its own ({@code block}). */
    record Shown(String link, String block) {
    }

    /** Where a text was first shown: its anchor, and the host it was shown on (the link's text). */
    private record First(String id, String host) {
    }

    private final Map<String, First> seen = new HashMap<>();

    /** What a task printed; {@code label} names it on the task's line ("output (3 lines)"). */
    Shown output(List<String> lines, String host, String label) {
        return shown("o", lines, host, label, false);
    }

    /** A unified diff, its lines coloured; the same change on another file (same lines but the header) is the same diff. */
    Shown diff(String diff, String host) {
        List<String> lines = List.of(diff.stripTrailing().split("\n", -1));
        int head = 0;
        while (head < lines.size() && head < 2 && (lines.get(head).startsWith("--- ") || lines.get(head).startsWith("+++ "))) {
            head++;
        }
        String key = String.join("\n", lines.subList(head, lines.size()));
        First first = key.length() >= SHARED_FROM ? seen.get("d" + key) : null;
        if (first != null) {
            return new Shown(link(first, "diff"), null);
        }
        return new Shown(null, block("d" + key, lines, host, true));
    }

    private Shown shown(String kind, List<String> lines, String host, String label, boolean diff) {
        String key = kind + String.join("\n", lines);
        First first = key.length() > SHARED_FROM ? seen.get(key) : null;
        if (first != null) {
            return new Shown(link(first, label), null);
        }
        return new Shown(null, block(key, lines, host, diff));
    }

    private static String link(First first, String label) {
        return " <a href=\"#" + first.id() + "\">" + esc(label) + " as on " + esc(first.host()) + "</a>";
    }

    private String block(String key, List<String> lines, String host, boolean diff) {
        StringBuilder b = new StringBuilder("<pre");
        if (key.length() > SHARED_FROM) {
            String id = key.charAt(0) + Integer.toString(seen.size());
            seen.put(key, new First(id, host));
            b.append(" id=\"").append(id).append('"');
        }
        b.append('>');
        if (lines.size() <= HEAD + TAIL + 10) {
            lines(b, lines, diff);
        } else {
            lines(b, lines.subList(0, HEAD), diff);
            b.append("<i>… ").append(lines.size() - HEAD - TAIL).append(" lines left out of this report …</i>\n");
            lines(b, lines.subList(lines.size() - TAIL, lines.size()), diff);
        }
        return b.append("</pre>").toString();
    }

    private static void lines(StringBuilder b, List<String> lines, boolean diff) {
        for (String l : lines) {
            boolean add = diff && l.startsWith("+") && !l.startsWith("+++ ");
            boolean del = diff && l.startsWith("-") && !l.startsWith("--- ");
            b.append(add ? "<ins>" : del ? "<del>" : "").append(esc(l)).append(add ? "</ins>" : del ? "</del>" : "").append('\n');
        }
    }
}
