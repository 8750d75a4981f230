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
            default -> "none";
        };
    }

    static final String CSS = """
            :root{--ok:#2e7d32;--changed:#b26a00;--failed:#c62828;--unreachable:#6a1b9a;--skipped:#78909c;--none:#cfd8dc;--inflight:#1565c0;--ignored:#8d6e63}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1c2430;background:#f6f8fa}
            header{background:#1c2430;color:#fff;padding:16px 24px}
            header h1{margin:0 0 4px;font-size:20px}
            header .meta{opacity:.85}
            main{padding:8px 24px 40px;max-width:1400px}
            h2{font-size:16px;margin:24px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
            .counts span{display:inline-block;margin:8px 8px 0 0;padding:2px 10px;border-radius:12px;color:#fff;font-weight:600}
            .ok{--c:var(--ok)}.changed{--c:var(--changed)}.failed{--c:var(--failed)}.unreachable{--c:var(--unreachable)}
            .skipped{--c:var(--skipped)}.none{--c:var(--none)}.inflight{--c:var(--inflight)}.ignored{--c:var(--ignored)}
            .counts span,.badge{background:var(--c)}
            .badge{color:#fff;border-radius:3px;padding:0 6px;font-size:12px;white-space:nowrap}
            table{border-collapse:collapse;width:100%;background:#fff}
            td,th{border-bottom:1px solid #eaeef2;padding:3px 8px;text-align:left;vertical-align:top}
            th{background:#eef1f4;font-weight:600}
            td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
            td.s{white-space:nowrap}td.s::before{content:"";display:inline-block;width:9px;height:9px;border-radius:2px;background:var(--c);margin-right:5px}
            tr.failed td.s,tr.unreachable td.s,tr.inflight td.s{color:var(--c);font-weight:600}
            .failure{background:#fff;border-left:4px solid var(--failed);padding:8px 12px;margin:8px 0}
            .failure.unreachable{border-left-color:var(--unreachable)}
            .failure .msg{font-weight:600;white-space:pre-wrap}
            pre{background:#0d1117;color:#e6edf3;padding:8px;overflow:auto;max-height:24em;margin:4px 0;font-size:12px}
            details.host{background:#fff;margin:6px 0;border:1px solid #d0d7de;border-radius:4px}
            details.host>summary{padding:6px 10px;cursor:pointer;font-weight:600}
            details.host>table{border-top:1px solid #d0d7de}
            tr.step td{background:#f3f5f7;font-weight:600}
            tr.item td:first-child{padding-left:28px;color:#57606a}
            svg text{font:12px system-ui,sans-serif}
            .legend span{margin-right:12px}.legend i{display:inline-block;width:10px;height:10px;background:var(--c);margin-right:4px}
            .scroll{overflow-x:auto;background:#fff;border:1px solid #d0d7de}
            """;
}
