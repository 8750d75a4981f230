package dev.runbook.state;

import dev.runbook.event.EventRefused;
import dev.runbook.event.RunEvent;
import dev.runbook.event.RunListener;
import dev.runbook.model.Runbook;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's journal as its events pass: a reporter whose audience is {@code --resume} and
 * {@code runbook show}. A task's start is durable before the engine sends its command (this
 * listener returns only then). Its end is appended at once and made durable by the next sync:
 * at the latest the one before the next task on that host starts, which covers every record
 * appended before it (one sync instead of two per task). When the
 * journal cannot be written, the start of every later task is refused ({@link EventRefused}),
 * so nothing runs that was not recorded. Values arrive already masked (secrets, no_log).
 */
public final class JournalListener implements RunListener {
    private final RunStore store;
    private final RunOrigin origin;
    private final Map<String, List<String>> definitions;
    private final Map<String, List<String>> needs = new LinkedHashMap<>();
    private final boolean resumed;
    private volatile JournalWriter writer;
    private volatile String runId;
    private volatile StateException failure;

    public JournalListener(RunStore store, RunOrigin origin, Runbook runbook, boolean resumed) {
        this.store = store;
        this.origin = origin;
        this.definitions = Fingerprint.tasks(runbook);
        runbook.steps().values().forEach(st -> needs.put(st.id(), st.needs()));
        this.resumed = resumed;
    }

    /** Why the journal could not be written, or null when it could. */
    public StateException failure() {
        return failure;
    }

    public String runId() {
        return runId;
    }

    @Override
    public void on(RunEvent event) {
        if (failure != null) {
            if (event instanceof RunEvent.TaskStarted) {
                throw new EventRefused(failure.getMessage(), failure);
            }
            return;
        }
        try {
            record(event);
        } catch (StateException | IllegalArgumentException e) {
            failure = e instanceof StateException s ? s : new StateException(e.getMessage(), e);
            throw new EventRefused(failure.getMessage(), failure);
        }
    }

    private void record(RunEvent event) {
        if (event instanceof RunEvent.RunStarted s) {
            runId = s.runId();
            writer = store.append(s.runId());
            Map<String, Object> r = base(resumed ? "run_resumed" : "run_started", s);
            r.put("run", s.runId());
            r.put("name", s.runbook());
            r.put("hosts", s.hosts());
            r.put("steps", s.steps());
            r.put("needs", needs);
            r.put("pid", ProcessHandle.current().pid());
            r.put("user", System.getProperty("user.name"));
            r.put("machine", LockHolder.me("").machine());
            r.put("origin", origin.toMap());
            durable(r);
        } else if (event instanceof RunEvent.TaskStarted t) {
            Map<String, Object> r = task("task_started", t, t.host(), t.step(), t.index(), t.itemIndex());
            r.put("task", t.task());
            r.put("item", t.item());
            r.put("def", definition(t.step(), t.index()));
            durable(r);
        } else if (event instanceof RunEvent.TaskFinished f) {
            Map<String, Object> r = task("task_finished", f, f.host(), f.step(), f.index(), f.itemIndex());
            r.put("task", f.task());
            r.put("item", f.item());
            r.put("def", definition(f.step(), f.index()));
            r.putAll(Records.outcome(f.outcome()));
            r.put("duration_ms", f.duration().toMillis());
            writer.append(r); // durable with the next task's start on this host (or the run's end)
        } else if (event instanceof RunEvent.TaskRescued t) {
            // durable with the first rescue task's start: resume then takes this failure as handled
            writer.append(task("task_rescued", t, t.host(), t.step(), t.index(), RunEvent.NO_ITEM));
        } else if (event instanceof RunEvent.TaskRetried t) {
            Map<String, Object> r = task("task_retried", t, t.host(), t.step(), t.index(), t.itemIndex());
            r.put("attempt", t.attempt());
            writer.append(r);
        } else if (event instanceof RunEvent.TaskOutput o) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("step", o.step());
            r.put("index", o.index());
            r.put("stream", o.stderr() ? "stderr" : "stdout");
            r.put("line", o.line());
            writer.output(o.host(), r);
        } else if (event instanceof RunEvent.StepFinished s) {
            Map<String, Object> r = base("step_finished", s);
            r.put("host", s.host());
            r.put("step", s.step());
            r.put("status", s.status().name().toLowerCase(java.util.Locale.ROOT));
            r.put("reason", s.reason());
            r.put("duration_ms", s.duration().toMillis());
            writer.append(r);
        } else if (event instanceof RunEvent.BatchStarted b) {
            Map<String, Object> r = base("batch_started", b);
            r.put("batch", b.batch());
            r.put("batches", b.batches());
            r.put("hosts", b.hosts());
            writer.append(r);
        } else if (event instanceof RunEvent.HostUnreachable u) {
            Map<String, Object> r = base("host_unreachable", u);
            r.put("host", u.host());
            r.put("cause", u.cause());
            writer.append(r);
        } else if (event instanceof RunEvent.RunFinished f) {
            finished(f);
        }
    }

    private void finished(RunEvent.RunFinished f) {
        Map<String, Object> r = base("run_finished", f);
        r.put("exit", f.exitCode());
        r.put("interrupted", f.interrupted());
        r.put("duration_ms", f.duration().toMillis());
        Map<String, Object> recap = new LinkedHashMap<>();
        f.recap().forEach((h, c) -> recap.put(h, Map.of("ok", c.ok(), "changed", c.changed(), "failed", c.failed(),
                "skipped", c.skipped(), "unreachable", c.unreachable(), "rescued", c.rescued())));
        r.put("recap", recap);
        try {
            durable(r);
        } finally {
            writer.close();
        }
    }

    private void durable(Map<String, Object> record) {
        writer.sync(writer.append(record));
    }

    private String definition(String step, int index) {
        List<String> defs = definitions.get(step);
        return defs == null || index >= defs.size() ? null : defs.get(index);
    }

    private static Map<String, Object> base(String type, RunEvent e) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("type", type);
        r.put("at", e.at().toString());
        return r;
    }

    private static Map<String, Object> task(String type, RunEvent e, String host, String step, int index, int item) {
        Map<String, Object> r = base(type, e);
        r.put("host", host);
        r.put("step", step);
        r.put("index", index);
        r.put("item_index", item);
        return r;
    }
}
