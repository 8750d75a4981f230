package dev.runbook.report.html;

import dev.runbook.state.RunStore;
import dev.runbook.state.RunView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's journal folded into what the HTML report shows: per host, step and task how it ended,
 * when and for how long, and what it printed. Every value comes from the journal and the output
 * files, which hold only what the screen showed (secrets masked, no_log censored).
 */
record RunFacts(RunView view, List<Host> hosts) {

    /** One task (or loop item, {@code item} non-null) on one host. */
    record Task(String host, String step, int index, String task, String item, String status, boolean changed,
                long durationMs, String msg, Instant start, Instant end, String diff, List<String> output) {
        boolean bad() {
            return "failed".equals(status) || "unreachable".equals(status) || "in flight".equals(status);
        }
    }

    record Step(String step, String status, String reason, Instant start, Instant end, List<Task> tasks) {
    }

    record Host(String host, String status, String unreachable, List<Step> steps) {
        /** From the first step's start to the last step's end on this host, or null when nothing ran. */
        java.time.Duration elapsed() {
            Instant start = steps.stream().map(Step::start).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
            Instant end = steps.stream().map(Step::end).filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
            return start == null || end == null ? null : java.time.Duration.between(start, end);
        }
    }

    static RunFacts of(RunView view, RunStore store) {
        Map<String, List<Map.Entry<RunView.Key, RunView.Entry>>> byStep = new LinkedHashMap<>();
        for (Map.Entry<RunView.Key, RunView.Entry> e : view.tasks().entrySet()) {
            byStep.computeIfAbsent(e.getKey().host() + "\u0000" + e.getKey().step(), k -> new ArrayList<>()).add(e);
        }
        List<Host> hosts = new ArrayList<>();
        for (String host : view.hosts()) {
            List<Map<String, Object>> output = store.output(view.id(), host);
            Map<String, Map<String, Object>> records = view.stepResults().getOrDefault(host, Map.of());
            List<Step> steps = new ArrayList<>();
            for (String step : view.steps()) {
                List<Task> tasks = tasks(byStep.getOrDefault(host + "\u0000" + step, List.of()), output);
                Map<String, Object> rec = records.get(step);
                String status = rec != null ? str(rec, "status") : tasks.isEmpty() ? "not started" : "in flight";
                Instant start = tasks.stream().map(Task::start).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
                Instant end = rec != null ? instant(rec) : tasks.stream().map(Task::end).filter(java.util.Objects::nonNull)
                        .max(Comparator.naturalOrder()).orElse(null);
                steps.add(new Step(step, status, rec == null ? "" : str(rec, "reason"), start, end, tasks));
            }
            String cause = view.unreachable().get(host);
            hosts.add(new Host(host, hostStatus(cause, steps), cause, steps));
        }
        return new RunFacts(view, hosts);
    }

    private static String hostStatus(String unreachable, List<Step> steps) {
        if (unreachable != null || steps.stream().anyMatch(s -> "unreachable".equals(s.status()))) {
            return "unreachable";
        }
        boolean failed = steps.stream().anyMatch(s -> "failed".equals(s.status()) || s.tasks().stream().anyMatch(Task::bad));
        if (failed) {
            return "failed";
        }
        boolean changed = steps.stream().anyMatch(s -> s.tasks().stream().anyMatch(t -> t.item() == null && t.changed()));
        return changed ? "changed" : "ok";
    }

    private static List<Task> tasks(List<Map.Entry<RunView.Key, RunView.Entry>> entries, List<Map<String, Object>> output) {
        List<Task> out = new ArrayList<>();
        entries.stream().sorted(Comparator.comparingInt((Map.Entry<RunView.Key, RunView.Entry> e) -> e.getKey().index())
                .thenComparingInt(e -> e.getKey().item())).forEach(e -> {
                    RunView.Entry en = e.getValue();
                    RunView.Key k = e.getKey();
                    Map<String, Object> r = en.inFlight() ? en.started() : en.finished();
                    String status = en.inFlight() ? "in flight" : en.rescued() ? "rescued" : str(r, "status");
                    String msg = en.inFlight() ? "was running when the run stopped" : str(r, "msg");
                    long ms = r.get("duration_ms") instanceof Number n ? n.longValue() : 0;
                    Instant start = en.started() != null ? instant(en.started()) : null;
                    Instant end = en.inFlight() ? null : instant(r);
                    if (start == null && end != null) {
                        start = end.minusMillis(ms);
                    }
                    List<String> lines = k.item() >= 0 ? List.of() : output.stream()
                            .filter(o -> k.step().equals(o.get("step")) && o.get("index") instanceof Number i && i.intValue() == k.index())
                            .map(o -> str(o, "line")).toList();
                    Object item = r.get("item");
                    out.add(new Task(k.host(), k.step(), k.index(), str(r, "task"), item == null ? null : String.valueOf(item),
                            status, Boolean.TRUE.equals(r.get("changed")) || "changed".equals(status), ms, msg, start, end,
                            r.get("diff") instanceof String d ? d : null, lines));
                });
        return out;
    }

    /** Failed, unreachable and in-flight tasks (whole tasks, not their items), host by host. */
    List<Task> failures() {
        List<Task> out = new ArrayList<>();
        for (Host h : hosts) {
            for (Step s : h.steps()) {
                s.tasks().stream().filter(t -> t.bad() && t.item() == null).forEach(out::add);
            }
        }
        return out;
    }

    /** Hosts that ended each way: ok, changed, failed, unreachable. */
    Map<String, Integer> hostCounts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String s : List.of("ok", "changed", "failed", "unreachable")) {
            m.put(s, (int) hosts.stream().filter(h -> h.status().equals(s)).count());
        }
        return m;
    }

    /** Per step, how many hosts ended it each way (step status to count). */
    Map<String, Map<String, Integer>> stepCounts() {
        Map<String, Map<String, Integer>> m = new LinkedHashMap<>();
        view.steps().forEach(s -> m.put(s, new LinkedHashMap<>()));
        for (Host h : hosts) {
            for (Step s : h.steps()) {
                m.get(s.step()).merge(s.status(), 1, Integer::sum);
            }
        }
        return m;
    }

    static String str(Map<String, Object> r, String key) {
        Object v = r == null ? null : r.get(key);
        return v == null ? "" : String.valueOf(v);
    }

    private static Instant instant(Map<String, Object> r) {
        Object at = r.get("at");
        return at == null ? null : Instant.parse(String.valueOf(at));
    }
}
