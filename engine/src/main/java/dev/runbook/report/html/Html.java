package dev.runbook.report.html;

import java.time.Duration;

/** Escaping and formatting shared by the report's parts. */
final class Html {
    private Html() {
    }

    /** Text safe in HTML and SVG content and in quoted attributes. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** {@code s} cut to {@code max} characters, with an ellipsis when cut. */
    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** One decimal, as SVG coordinates are written. */
    static String fmt(double d) {
        if (d < 0) {
            return "-" + fmt(-d);
        }
        long tenths = Math.round(d * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : (tenths / 10) + "." + Math.abs(tenths % 10);
    }

    /** The first line of {@code s}, with an ellipsis when there are more. */
    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }

    /** A duration as the screen shows it: 840ms, 4.5s, 3m07s, 2h05m. */
    static String time(long ms) {
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        if (ms < 3_600_000) {
            return (ms / 60_000) + "m" + String.format(java.util.Locale.ROOT, "%02d", (ms / 1000) % 60) + "s";
        }
        return (ms / 3_600_000) + "h" + String.format(java.util.Locale.ROOT, "%02d", (ms / 60_000) % 60) + "m";
    }

    static String time(Duration d) {
        return time(d.toMillis());
    }

    /** The CSS class, and the colour in the graph and timeline, of a status. */
    static String cls(String status) {
        return switch (status) {
            case "ok" -> "ok";
            case "changed" -> "changed";
            case "failed" -> "failed";
            case "unreachable" -> "unreachable";
            case "ignored" -> "ignored";
            case "skipped", "done" -> "skipped";
            case "in flight" -> "inflight";
            case "would fail" -> "failed";
            case "would change" -> "changed";
            case "unchanged" -> "ok";
            case "unknown" -> "unknown";
            default -> "none";
        };
    }
}
