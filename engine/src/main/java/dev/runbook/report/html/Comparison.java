package dev.runbook.report.html;

import static dev.runbook.report.html.Html.esc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between a run and an earlier one (OTHER): per host and per task, the outcome
 * (status) when it differs, and the duration when it changed markedly ({@link #markedly}).
 * Tasks are matched by step, task name (the n-th task of that name in the step) and loop item,
 * so a task added to or removed from a step does not shift the others.
 */
final class Comparison implements Marks {
    /** A duration changed markedly when the longer is at least this many times the shorter ... */
    static final double RATIO = 2.0;
    /** ... and they are at least this far apart (so 20 ms against 60 ms is not a change). */
    static final long FLOOR_MS = 1000;
    /** At most this many lines per table of the comparison section; every change stays marked below. */
    static final int LISTED = 100;

    /** One change: where, before and now. */
    record Change(String host, String what, String before, String now) {
    }

    private final String otherId;
    /** The other run's runbook name when it is not this run's, else null. */
    private String otherRunbook;
    private final Map<String, String> hostMarks = new HashMap<>();
    private final Map<RunFacts.Task, String> taskMarks = new IdentityHashMap<>();
    private final List<Change> hosts = new ArrayList<>();
    private final List<Change> outcomes = new ArrayList<>();
    private final List<Change> durations = new ArrayList<>();
    private final List<String> gone = new ArrayList<>();

    private Comparison(String otherId) {
        this.otherId = otherId;
    }

    /** True when {@code a} and {@code b} (milliseconds) differ markedly: ratio at least {@link #RATIO}, difference at least {@link #FLOOR_MS}. */
    static boolean markedly(long a, long b) {
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        return hi - lo >= FLOOR_MS && hi >= RATIO * lo;
    }

    static Comparison of(RunFacts now, RunFacts before) {
        Comparison c = new Comparison(before.view().id());
        if (!before.view().name().equals(now.view().name())) {
            c.otherRunbook = before.view().name();
        }
        Map<String, RunFacts.Host> old = new LinkedHashMap<>();
        before.hosts().forEach(h -> old.put(h.host(), h));
        for (RunFacts.Host h : now.hosts()) {
            RunFacts.Host was = old.remove(h.host());
            if (was == null) {
                c.hosts.add(new Change(h.host(), "host", "not in the run", h.status()));
                c.hostMarks.put(h.host(), mark("", "not in run " + c.otherId));
                continue;
            }
            c.host(h, was);
        }
        c.gone.addAll(old.keySet());
        return c;
    }

    private void host(RunFacts.Host h, RunFacts.Host was) {
        StringBuilder m = new StringBuilder();
        if (!h.status().equals(was.status())) {
            hosts.add(new Change(h.host(), "host", was.status(), h.status()));
            m.append(mark("", "was " + was.status()));
        }
        Duration d = h.elapsed();
        Duration dw = was.elapsed();
        if (d != null && dw != null && markedly(dw.toMillis(), d.toMillis())) {
            m.append(timeMark(dw.toMillis(), d.toMillis()));
        }
        Map<String, RunFacts.Task> before = keyed(was);
        int marked = 0;
        for (Map.Entry<String, RunFacts.Task> e : keyed(h).entrySet()) {
            if (task(e.getValue(), before.get(e.getKey()))) {
                marked++;
            }
        }
        if (marked > 0) {
            m.append(mark("", marked + (marked == 1 ? " task differs" : " tasks differ")));
        }
        if (!m.isEmpty()) {
            hostMarks.put(h.host(), m.toString());
        }
    }

    /** Marks {@code t} against {@code was}; true when it differs. */
    private boolean task(RunFacts.Task t, RunFacts.Task was) {
        String what = t.step() + " › " + t.task() + (t.item() == null ? "" : " (item " + t.item() + ")");
        if (was == null) {
            taskMarks.put(t, mark("", "not run in " + otherId));
            outcomes.add(new Change(t.host(), what, "not run", t.status()));
            return true;
        }
        StringBuilder m = new StringBuilder();
        if (!t.status().equals(was.status())) {
            outcomes.add(new Change(t.host(), what, was.status(), t.status()));
            m.append(mark("", "was " + was.status()));
        }
        if (!t.bad() && !was.bad() && markedly(was.durationMs(), t.durationMs())) {
            durations.add(new Change(t.host(), what, Html.time(was.durationMs()), Html.time(t.durationMs())));
            m.append(timeMark(was.durationMs(), t.durationMs()));
        }
        if (m.isEmpty()) {
            return false;
        }
        taskMarks.put(t, m.toString());
        return true;
    }

    /** Each task of a host by step, name, occurrence of that name in the step, and loop item. */
    private static Map<String, RunFacts.Task> keyed(RunFacts.Host h) {
        Map<String, RunFacts.Task> m = new LinkedHashMap<>();
        for (RunFacts.Step s : h.steps()) {
            Map<String, Integer> seen = new HashMap<>();
            Map<Integer, Integer> occurrence = new HashMap<>();
            for (RunFacts.Task t : s.tasks()) {
                int n = occurrence.computeIfAbsent(t.index(), i -> seen.merge(t.task(), 1, Integer::sum));
                m.put(s.step() + "\u0000" + t.task() + "\u0000" + n + "\u0000" + (t.item() == null ? "" : "item " + t.item()), t);
            }
        }
        return m;
    }

    private static String mark(String cls, String text) {
        return " <mark" + (cls.isEmpty() ? "" : " class=\"" + cls + "\"") + ">" + esc(text) + "</mark>";
    }

    private static String timeMark(long was, long now) {
        double ratio = (double) Math.max(was, now) / Math.max(1, Math.min(was, now));
        String times = Math.min(was, now) == 0 ? "" : String.format(java.util.Locale.ROOT, " ×%.1f", ratio);
        return now > was ? mark("", "slower" + times + ", was " + Html.time(was))
                : mark("better", "faster" + times + ", was " + Html.time(was));
    }

    String otherId() {
        return otherId;
    }

    @Override
    public String host(RunFacts.Host host) {
        return hostMarks.getOrDefault(host.host(), "");
    }

    @Override
    public String task(RunFacts.Task task) {
        return taskMarks.getOrDefault(task, "");
    }

    /** The section that lists the changes, after the failures. */
    void section(StringBuilder b) {
        b.append("<section id=\"compare\"><h2>Compared with run ").append(esc(otherId)).append("</h2><p>");
        if (otherRunbook != null) {
            b.append("Run ").append(esc(otherId)).append(" is of another runbook, ").append(esc(otherRunbook))
                    .append(": hosts and tasks are matched by name. ");
        }
        b
                .append(count(hosts.size(), "host changed outcome", "hosts changed outcome")).append(", ")
                .append(count(outcomes.size(), "task changed outcome", "tasks changed outcome")).append(", ")
                .append(count(durations.size(), "task took markedly longer or shorter", "tasks took markedly longer or shorter"))
                .append(gone.isEmpty() ? "" : ", " + count(gone.size(), "host of run " + esc(otherId) + " is not in this run",
                        "hosts of run " + esc(otherId) + " are not in this run"))
                .append(". <span class=\"note\">Markedly: at least ").append(Html.fmt(RATIO)).append(" times as long or as short, ")
                .append("and at least ").append(Html.time(FLOOR_MS)).append(" apart. Marked in the hosts below.</span></p>");
        table(b, "hosts", List.of("host", "was", "now"), hosts, false);
        table(b, "tasks", List.of("host", "step › task", "was", "now"), outcomes, true);
        table(b, "durations", List.of("host", "step › task", "took", "now takes"), durations, true);
        if (!gone.isEmpty()) {
            b.append("<p>Not in this run: ").append(esc(String.join(", ", gone.subList(0, Math.min(LISTED, gone.size())))))
                    .append(gone.size() > LISTED ? " …" : "").append("</p>");
        }
        b.append("</section>\n");
    }

    private static void table(StringBuilder b, String id, List<String> heads, List<Change> rows, boolean what) {
        if (rows.isEmpty()) {
            return;
        }
        b.append("<table class=\"cmp\" id=\"cmp-").append(id).append("\"><tr>");
        heads.forEach(h -> b.append("<th>").append(h));
        b.append("</tr>");
        for (Change c : rows.subList(0, Math.min(LISTED, rows.size()))) {
            b.append("<tr><td>").append(esc(c.host()));
            if (what) {
                b.append("<td>").append(esc(c.what()));
            }
            b.append("<td>").append(esc(c.before())).append("<td>").append(esc(c.now())).append("</tr>");
        }
        if (rows.size() > LISTED) {
            b.append("<tr><td colspan=\"").append(heads.size()).append("\">and ").append(rows.size() - LISTED)
                    .append(" more, marked in the hosts below</tr>");
        }
        b.append("</table>");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
