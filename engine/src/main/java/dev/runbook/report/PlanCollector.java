package dev.runbook.report;

import dev.runbook.event.RunEvent;
import dev.runbook.event.RunListener;
import dev.runbook.event.StepStatus;
import dev.runbook.event.TaskOutcome;
import dev.runbook.modules.ChangeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gathers a plan-mode run into a {@link Plan}: per host, per step (in graph order), per task the
 * predicted change. Thread-safe; read the plan after the run finished.
 */
public final class PlanCollector implements RunListener {
    private final Map<String, Map<String, StepBuilder>> hosts = new LinkedHashMap<>();
    private final Map<String, String> unreachable = new LinkedHashMap<>();
    private List<String> stepOrder = List.of();
    private String runbook = "";

    private static final class StepBuilder {
        final TreeMap<Integer, Plan.TaskPlan> tasks = new TreeMap<>();
        /** Handler runs (by index): why they run. */
        final Map<Integer, RunEvent.HandlerStarting> handlers = new LinkedHashMap<>();
        StepStatus status;
        String reason;
    }

    @Override
    public synchronized void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted s) {
            runbook = s.runbook();
            stepOrder = s.steps();
            s.hosts().forEach(h -> hosts.put(h, new LinkedHashMap<>()));
        } else if (event instanceof RunEvent.TaskFinished f && f.item() == null) {
            StepBuilder b = step(f.host(), f.step());
            Plan.TaskPlan t = task(f);
            RunEvent.HandlerStarting h = b.handlers.get(f.index());
            b.tasks.put(f.index(), h == null ? t : handlerLine(t, h));
        } else if (event instanceof RunEvent.HandlerStarting h) {
            step(h.host(), h.step()).handlers.put(h.index(), h);
        } else if (event instanceof RunEvent.HandlersNotified n) {
            amend(n.host(), n.step(), n.index(), null, (n.certain() ? "would notify " : "may notify ")
                    + String.join(", ", n.handlers().stream().map(h -> "'" + h + "'").toList()));
        } else if (event instanceof RunEvent.TaskRescued r) {
            amend(r.host(), r.step(), r.index(), "rescued", "the block's rescue would take over");
        } else if (event instanceof RunEvent.StepFinished s) {
            StepBuilder b = step(s.host(), s.step());
            b.status = s.status();
            b.reason = s.reason();
        } else if (event instanceof RunEvent.HostUnreachable u) {
            unreachable.put(u.host(), u.cause());
        }
    }

    /** A handler's line: why it runs; only "?" when the tasks notifying it only may change. */
    private static Plan.TaskPlan handlerLine(Plan.TaskPlan t, RunEvent.HandlerStarting h) {
        String by = String.join(", ", h.notifiedBy().stream().map(n -> "'" + n + "'").toList());
        if (h.certain()) {
            return new Plan.TaskPlan(t.index(), t.task() + " (handler, notified by " + by + ")", t.kind(), t.summary(),
                    t.diff(), t.probe());
        }
        boolean change = List.of("+", "~", "-").contains(t.kind());
        return new Plan.TaskPlan(t.index(), t.task() + " (handler, runs if " + by + " changes)",
                change ? ChangeKind.UNKNOWN.symbol() : t.kind(), t.summary(), t.diff(), t.probe());
    }

    /** Adds {@code note} to a task's line (and sets its kind when {@code kind} is given). */
    private void amend(String host, String step, int index, String kind, String note) {
        StepBuilder b = step(host, step);
        Plan.TaskPlan t = b.tasks.get(index);
        if (t != null) {
            String summary = t.summary() == null || t.summary().isBlank() ? note : t.summary() + "; " + note;
            b.tasks.put(index, new Plan.TaskPlan(index, t.task(), kind == null ? t.kind() : kind, summary, t.diff(), t.probe()));
        }
    }

    private StepBuilder step(String host, String step) {
        return hosts.computeIfAbsent(host, h -> new LinkedHashMap<>()).computeIfAbsent(step, s -> new StepBuilder());
    }

    private static Plan.TaskPlan task(RunEvent.TaskFinished f) {
        TaskOutcome o = f.outcome();
        if (o instanceof TaskOutcome.Planned p) {
            return new Plan.TaskPlan(f.index(), f.task(), p.change().kind().symbol(), p.change().summary(),
                    p.change().diff(), p.change().probe());
        }
        if (o instanceof TaskOutcome.Skipped s) {
            return new Plan.TaskPlan(f.index(), f.task(), "skipped", s.reason(), null, "");
        }
        if (o instanceof TaskOutcome.Failed fl) {
            return new Plan.TaskPlan(f.index(), f.task(), fl.ignored() ? "ignored" : "failed", fl.msg(), null, "");
        }
        if (o instanceof TaskOutcome.Unreachable u) {
            return new Plan.TaskPlan(f.index(), f.task(), "unreachable", u.msg(), null, "");
        }
        // Controller-side tasks that ran the same in plan mode (debug, set_fact, assert).
        TaskOutcome.Ok ok = (TaskOutcome.Ok) o;
        return new Plan.TaskPlan(f.index(), f.task(), ok.changed() ? ChangeKind.CHANGE.symbol() : ChangeKind.NONE.symbol(),
                ok.msg(), ok.diff(), "");
    }

    public synchronized Plan plan() {
        Map<String, Plan.HostPlan> out = new LinkedHashMap<>();
        hosts.forEach((host, steps) -> {
            List<Plan.StepPlan> list = new ArrayList<>();
            for (String id : stepOrder) {
                StepBuilder b = steps.get(id);
                if (b == null) {
                    continue;
                }
                String status = b.status == null ? "planned" : b.status.name().toLowerCase(java.util.Locale.ROOT);
                list.add(new Plan.StepPlan(id, status, b.reason, List.copyOf(b.tasks.values())));
            }
            out.put(host, new Plan.HostPlan(host, unreachable.get(host), list));
        });
        return new Plan(runbook, out);
    }
}
