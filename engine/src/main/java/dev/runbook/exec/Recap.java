package dev.runbook.exec;

import dev.runbook.event.RunEvent;
import dev.runbook.event.RunEvent.HostRecap;
import dev.runbook.event.RunListener;
import dev.runbook.event.StepStatus;
import dev.runbook.event.TaskOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts task outcomes per host as events pass (a listener, so every reporter sees the same numbers). */
final class Recap implements RunListener {
    private static final class Counts {
        int ok;
        int changed;
        int failed;
        int skipped;
        int unreachable;
        int ignored;
        int rescued;
        boolean stepFailed;
    }

    private final Map<String, Counts> hosts = new LinkedHashMap<>();
    private final Map<String, Integer> tasksPerStep;

    /** @param tasksPerStep how many tasks each step has, to count a skipped step's tasks as skipped */
    Recap(List<String> hostNames, Map<String, Integer> tasksPerStep) {
        hostNames.forEach(h -> hosts.put(h, new Counts()));
        this.tasksPerStep = Map.copyOf(tasksPerStep);
    }

    @Override
    public synchronized void on(RunEvent event) {
        if (event instanceof RunEvent.TaskFinished f && f.item() == null) {
            count(f.host(), f.outcome());
        } else if (event instanceof RunEvent.TaskRestored r && r.itemIndex() == RunEvent.NO_ITEM) {
            count(r.host(), r.outcome());
        } else if (event instanceof RunEvent.TaskRescued r) {
            Counts c = hosts.get(r.host());
            c.failed--; // as Ansible: a failure a rescue took over counts as rescued, not failed
            c.rescued++;
        } else if (event instanceof RunEvent.StepFinished s && s.status() == StepStatus.FAILED) {
            hosts.get(s.host()).stepFailed = true;
        } else if (event instanceof RunEvent.StepFinished s && s.status() == StepStatus.SKIPPED
                && !HostWalk.UNREACHABLE.equals(s.reason())) {
            // a step that did not run at all (when, run policy, a failed need): each of its tasks is skipped
            hosts.get(s.host()).skipped += tasksPerStep.getOrDefault(s.step(), 0);
        } else if (event instanceof RunEvent.HostUnreachable u) {
            Counts c = hosts.get(u.host());
            if (c.unreachable == 0) {
                c.unreachable = 1;
            }
        }
    }

    private void count(String host, TaskOutcome o) {
        Counts c = hosts.get(host);
        {
            if (o instanceof TaskOutcome.Ok ok) {
                if (ok.changed()) {
                    c.changed++;
                } else {
                    c.ok++;
                }
            } else if (o instanceof TaskOutcome.Failed fl) {
                if (fl.ignored()) {
                    // as Ansible: ok (changed when the failed result says so), and ignored
                    if (Boolean.TRUE.equals(fl.result().get("changed"))) {
                        c.changed++;
                    } else {
                        c.ok++;
                    }
                    c.ignored++;
                } else {
                    c.failed++;
                }
            } else if (o instanceof TaskOutcome.Skipped) {
                c.skipped++;
            } else if (o instanceof TaskOutcome.Unreachable) {
                c.unreachable++;
            } else if (o instanceof TaskOutcome.Planned p) {
                if (p.change().kind().isChange() || p.change().kind() == dev.runbook.modules.ChangeKind.UNKNOWN) {
                    c.changed++;
                } else {
                    c.ok++;
                }
            }
        }
    }

    synchronized Map<String, HostRecap> snapshot() {
        Map<String, HostRecap> out = new LinkedHashMap<>();
        hosts.forEach((h, c) -> out.put(h, new HostRecap(c.ok, c.changed, c.failed, c.skipped, c.unreachable, c.ignored, c.rescued)));
        return out;
    }

    synchronized boolean anyFailed() {
        return hosts.values().stream().anyMatch(c -> c.failed > 0 || c.stepFailed);
    }

    synchronized boolean anyUnreachable() {
        return hosts.values().stream().anyMatch(c -> c.unreachable > 0);
    }

    synchronized boolean failed(String host) {
        Counts c = hosts.get(host);
        return c.failed > 0 || c.stepFailed || c.unreachable > 0;
    }
}
