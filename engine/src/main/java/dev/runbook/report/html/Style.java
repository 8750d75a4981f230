package dev.runbook.report.html;

/** The report's one style sheet, embedded in every file (the page loads nothing). */
final class Style {
    private Style() {
    }

    static final String CSS = """
            :root{--ok:#2e7d32;--changed:#b26a00;--failed:#c62828;--unreachable:#6a1b9a;--skipped:#78909c;--none:#cfd8dc;\
            --inflight:#1565c0;--ignored:#8d6e63;--unknown:#00838f}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1c2430;background:#f6f8fa}
            header{background:#1c2430;color:#fff;padding:16px 24px}
            header h1{margin:0 0 4px;font-size:20px}
            header .meta{opacity:.85}
            main{padding:8px 24px 40px;max-width:1400px}
            h2{font-size:16px;margin:24px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
            .counts span{display:inline-block;margin:8px 8px 0 0;padding:2px 10px;border-radius:12px;color:#fff;font-weight:600}
            .ok{--c:var(--ok)}.changed{--c:var(--changed)}.failed{--c:var(--failed)}.unreachable{--c:var(--unreachable)}
            .skipped{--c:var(--skipped)}.none{--c:var(--none)}.inflight{--c:var(--inflight)}.ignored{--c:var(--ignored)}
            .unknown{--c:var(--unknown)}
            .counts span,.badge{background:var(--c)}
            .badge{color:#fff;border-radius:3px;padding:0 6px;font-size:12px;white-space:nowrap;font-weight:600}
            .failure{background:#fff;border-left:4px solid var(--failed);padding:8px 12px;margin:8px 0}
            .failure.unreachable{border-left-color:var(--unreachable)}
            .failure .msg{font-weight:600;white-space:pre-wrap}
            pre{background:#0d1117;color:#e6edf3;padding:8px;overflow:auto;max-height:24em;margin:4px 0;font-size:12px}
            details.host{background:#fff;margin:6px 0;border:1px solid #d0d7de;border-radius:4px}
            details.host>summary{padding:6px 10px;cursor:pointer;font-weight:600}
            details.host .sum{font-weight:400;color:#57606a;margin-left:6px}
            .step{background:#f3f5f7;border-top:1px solid #eaeef2;padding:3px 10px;font-weight:600}
            .step .s{color:var(--c);margin-left:8px}.step .r{font-weight:400;color:#57606a;margin-left:8px}
            pre.tasks{background:#fff;color:#1c2430;margin:0;padding:2px 10px 4px;max-height:none;font-size:12px;overflow-x:auto}
            pre.tasks b{color:var(--c)}
            details.out{margin:0 10px 4px 24px}details.out>summary{cursor:pointer;color:#57606a;font-size:12px}
            mark{background:#fff3c4;color:#6b4e00;border-radius:3px;padding:0 3px;font-size:12px}
            mark.better{background:#dcf5dc;color:#1b5e20}
            svg text{font:12px system-ui,sans-serif}
            .legend span{margin-right:12px}.legend i{display:inline-block;width:10px;height:10px;background:var(--c);margin-right:4px}
            .scroll{overflow-x:auto;background:#fff;border:1px solid #d0d7de}
            details.tl>summary{list-style:none;cursor:pointer}details.tl>summary::-webkit-details-marker{display:none}
            details.tl>summary svg{display:block}details.tl[open]>summary{background:#f3f5f7}
            details.tl>svg{display:block;border-bottom:1px solid #d0d7de}
            details.tl[open] .tw-c,details.tl:not([open]) .tw-o{display:none}
            .note{color:#57606a}
            table.cmp{border-collapse:collapse;background:#fff;margin:4px 0}
            table.cmp td,table.cmp th{border-bottom:1px solid #eaeef2;padding:2px 8px;text-align:left}
            table.cmp th{background:#eef1f4}
            ins{color:#7ee787;text-decoration:none}del{color:#ffa198;text-decoration:none}
            """;
}
