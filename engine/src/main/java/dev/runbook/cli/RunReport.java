package dev.runbook.cli;

import static dev.runbook.cli.ShowCommand.str;

import dev.runbook.state.History;
import dev.runbook.state.RunStore;
import dev.runbook.state.RunView;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What `runbook show` prints: a run's journal per host, step and task, as text or one JSON object. */
final class RunReport {
    record Filter(String host, boolean failedOnly, String task) {
    }

    private static final List<String> BAD = List.of("failed", "unreachable", "interrupted", "in flight");
    private final RunView view;
    private final RunStore store;
    private final Filter filter;

    RunReport(RunView view, RunStore store, Filter filter) {
        this.view = view;
        this.store = store;
        this.filter = filter;
    }

    String status() {
        return view.end() == null ? "stopped (no end recorded)" : History.status(((Number) view.end().get("exit")).intValue());
    }

    void print(PrintWriter out) {
        out.println("run " + view.id() + " · " + view.name() + " · " + view.origin().runbook());
        out.println("started " + RunsCommand.WHEN.format(view.started()) + " UTC · " + ShowCommand.time(view.duration())
                + " · " + status() + " · " + view.attempts() + (view.attempts() == 1 ? " attempt" : " attempts"));
        for (Map<String, Object> h : hosts()) {
            out.println();
            out.println(h.get("host") + (h.get("unreachable") == null ? "" : "  unreachable: " + h.get("unreachable")));
            for (Object so : (List<?>) h.get("steps")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> s = (Map<String, Object>) so;
                out.println("  " + pad(str(s, "step"), 20) + "  " + pad(str(s, "status"), 11) + "  " + ms(s)
                        + (str(s, "reason").isEmpty() ? "" : "  — " + str(s, "reason")));
                for (Object to : (List<?>) s.get("tasks")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> t = (Map<String, Object>) to;
                    String indent = t.get("item") == null ? "    " : "      ";
                    String name = t.get("item") == null ? str(t, "task") : "item " + t.get("item");
                    String msg = firstLine(str(t, "msg"));
                    out.println(indent + pad(str(t, "status"), 9) + "  " + name + "  " + ms(t) + (msg.isEmpty() ? "" : "  — " + msg));
                    if (t.get("output") instanceof List<?> lines) {
                        lines.forEach(l -> out.println(indent + "  │ " + l));
                    }
                }
            }
        }
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", view.id());
        m.put("name", view.name());
        m.put("runbook", view.origin().runbook());
        m.put("started", view.started().toString());
        m.put("duration_ms", view.duration().toMillis());
        m.put("status", status());
        m.put("attempts", view.attempts());
        m.put("hosts", hosts());
        return m;
    }

    private List<Map<String, Object>> hosts() {
        Map<String, List<Map.Entry<RunView.Key, RunView.Entry>>> byHost = new LinkedHashMap<>();
        for (Map.Entry<RunView.Key, RunView.Entry> e : view.tasks().entrySet()) {
            byHost.computeIfAbsent(e.getKey().host() + "\u0000" + e.getKey().step(), k -> new ArrayList<>()).add(e);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (String host : view.hosts()) {
            if (filter.host() != null && !filter.host().equals(host)) {
                continue;
            }
            Map<String, Map<String, Object>> stepRecords = view.stepResults().getOrDefault(host, Map.of());
            List<Map<String, Object>> steps = new ArrayList<>();
            boolean bad = view.unreachable().containsKey(host);
            List<Map<String, Object>> output = filter.task() == null ? List.of() : store.output(view.id(), host);
            for (String step : view.steps()) {
                List<Map.Entry<RunView.Key, RunView.Entry>> entries = byHost.getOrDefault(host + "\u0000" + step, List.of());
                Map<String, Object> rec = stepRecords.get(step);
                List<Map<String, Object>> tasks = tasks(entries, output);
                String status = rec != null ? str(rec, "status") : entries.isEmpty() ? "not started" : "in flight";
                bad |= BAD.contains(status) || tasks.stream().anyMatch(t -> BAD.contains(str(t, "status")));
                if (filter.failedOnly() && !BAD.contains(status) || filter.task() != null && tasks.isEmpty()) {
                    continue;
                }
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("step", step);
                s.put("status", status);
                s.put("reason", rec == null ? null : rec.get("reason"));
                s.put("duration_ms", rec == null ? null : rec.get("duration_ms"));
                s.put("tasks", tasks);
                steps.add(s);
            }
            if (filter.failedOnly() && !bad) {
                continue;
            }
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("host", host);
            h.put("unreachable", view.unreachable().get(host));
            h.put("steps", steps);
            out.add(h);
        }
        return out;
    }

    private List<Map<String, Object>> tasks(List<Map.Entry<RunView.Key, RunView.Entry>> entries, List<Map<String, Object>> output) {
        List<Map<String, Object>> out = new ArrayList<>();
        entries.stream().sorted(Comparator.comparingInt((Map.Entry<RunView.Key, RunView.Entry> e) -> e.getKey().index())
                .thenComparingInt(e -> e.getKey().item())).forEach(e -> {
                    RunView.Entry en = e.getValue();
                    Map<String, Object> r = en.inFlight() ? en.started() : en.finished();
                    String status = en.inFlight() ? "in flight" : en.rescued() ? "rescued" : str(r, "status");
                    if (filter.failedOnly() && !BAD.contains(status)) {
                        return;
                    }
                    if (filter.task() != null && !filter.task().equals(str(r, "task"))) {
                        return;
                    }
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("index", e.getKey().index());
                    t.put("task", r.get("task"));
                    t.put("item", r.get("item"));
                    t.put("status", status);
                    t.put("changed", r.get("changed"));
                    t.put("duration_ms", r.get("duration_ms"));
                    t.put("msg", en.inFlight() ? "was running when the run stopped" : r.get("msg"));
                    if (filter.task() != null && e.getKey().item() < 0) {
                        t.put("output", output.stream().filter(o -> e.getKey().step().equals(o.get("step"))
                                && ((Number) o.get("index")).intValue() == e.getKey().index()).map(o -> str(o, "line")).toList());
                    }
                    out.add(t);
                });
        return out;
    }

    private static String ms(Map<String, Object> r) {
        return r.get("duration_ms") instanceof Number n ? ShowCommand.time(Duration.ofMillis(n.longValue())) : "";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}
