package dev.runbook.report.html;

import static dev.runbook.report.html.Html.esc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The parts every report shares: the document around it, its header, the legend of statuses. */
final class Page {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** What the header says: title, the line under it (already joined), and host counts by status. */
    record Header(String name, String id, List<String> meta, String status, Map<String, Integer> counts) {
    }

    private Page() {
    }

    /** The document's start: no script, nothing loaded from anywhere (the policy forbids it), the style inline. */
    static void open(StringBuilder b, String title) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>").append(esc(title)).append("</title><style>").append(Style.CSS).append("</style></head><body>\n");
    }

    static String close() {
        return "</main></body></html>\n";
    }

    static void header(StringBuilder b, Header h) {
        b.append("<header><h1>").append(esc(h.name())).append(" <span class=\"meta\">").append(esc(h.id()))
                .append("</span></h1><div class=\"meta\" id=\"run-meta\">");
        for (String m : h.meta()) {
            b.append(esc(m)).append(" · ");
        }
        b.append("<b id=\"run-status\">").append(esc(h.status())).append("</b></div><div class=\"counts\" id=\"host-counts\">");
        h.counts().forEach((status, n) -> b.append("<span class=\"").append(Html.cls(status)).append("\">").append(esc(status))
                .append(' ').append(n).append("</span>"));
        b.append("</div></header>\n<main>\n");
    }

    static String when(Instant t) {
        return WHEN.format(t) + " UTC";
    }

    static String legend(List<String> order) {
        StringBuilder b = new StringBuilder("<div class=\"legend\">");
        for (String st : order) {
            b.append("<span class=\"").append(Html.cls(st)).append("\"><i></i>").append(esc(st)).append("</span>");
        }
        return b.append("</div>").toString();
    }
}
