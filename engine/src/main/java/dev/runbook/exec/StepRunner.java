package dev.runbook.exec;

import dev.runbook.event.RunEvent;
import dev.runbook.event.StepStatus;
import dev.runbook.event.TaskOutcome;
import dev.runbook.model.Step;
import dev.runbook.model.Task;
import dev.runbook.template.TemplateException;
import dev.runbook.template.VarScope;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one step's tasks in order on one host, with the step's when, retries and run_once. */
final class StepRunner {
    private final RunContext run;
    private final HostState host;
    private final Step step;
    private final RunOnce runOnce;
    /** Handlers notified and not run yet, across the step's retries. */
    private final Notifications notified = new Notifications();

    StepRunner(RunContext run, HostState host, Step step, RunOnce runOnce) {
        this.run = run;
        this.host = host;
        this.step = step;
        this.runOnce = runOnce;
    }

    StepResult run() throws InterruptedException {
        Instant start = Instant.now();
        StepResult r;
        if (step.runOnce()) {
            RunOnce.Claim claim = runOnce.claim(step.id(), host.name());
            if (!claim.mine()) {
                r = follow(claim);
                emitFinished(r, start);
                return r;
            }
            r = runHere(start);
            runOnce.publish(step.id(), r, registeredValues());
            return r;
        }
        return runHere(start);
    }

    private StepResult runHere(Instant start) throws InterruptedException {
        run.emit(new RunEvent.StepStarted(start, host.name(), step.id()));
        StepResult r;
        try {
            r = runTasks();
            for (int attempt = 1; attempt <= step.retries() && r.status() == StepStatus.FAILED && !run.control().stopRequested(); attempt++) {
                run.emit(new RunEvent.Warning(Instant.now(), host.name(), "step '" + step.id() + "' failed; retrying ("
                        + attempt + " of " + step.retries() + ")"));
                r = runTasks();
            }
        } catch (TemplateException e) {
            r = failed(e.located());
        }
        warnUnrun(r);
        emitFinished(r, start);
        return r;
    }

    private StepResult runTasks() throws TemplateException, InterruptedException {
        Scope stepScope = scope();
        if (step.when() != null) {
            String dependsOn = stepScope.unknownReference(step.when());
            if (dependsOn == null && run.mode() == RunEvent.Mode.PLAN) {
                dependsOn = unknownCause(stepScope);
            }
            if (dependsOn != null) {
                return StepResult.of(StepStatus.PLANNED, "when: " + stepScope.dependsOn(dependsOn));
            }
            if (!run.templater().test(step.when(), stepScope.vars())) {
                warnIfMissing(step.when().text(), stepScope);
                host.noteNotRun(step.id(), "when: " + step.when().text() + " was false");
                return StepResult.of(StepStatus.SKIPPED, "when: " + step.when().text() + " was false");
            }
        }
        return new FlowRunner(run, host, step, this::taskScope, notified).run();
    }

    /** Handlers still notified when the step ends (it failed, or a handler notified one that had run): said, not lost silently. */
    private void warnUnrun(StepResult r) {
        if (notified.isEmpty() || run.mode() == RunEvent.Mode.PLAN && r.status() == StepStatus.PLANNED) {
            return;
        }
        List<String> names = notified.drain().stream()
                .map(h -> "'" + step.flow().handlers().get(h).task().displayName() + "'").toList();
        String why = r.status() == StepStatus.FAILED
                ? "the step failed (force_handlers runs notified handlers anyway)"
                : "they were notified after their turn at the step's last flush";
        run.emit(new RunEvent.Warning(Instant.now(), host.name(), "step '" + step.id() + "': notified handler"
                + (names.size() == 1 ? " " : "s ") + String.join(", ", names) + " did not run: " + why));
    }

    /** A condition false because a step that sets a variable it reads did not run: say so. */
    void warnIfMissing(String condition, Scope scope) {
        String missing = run.producers().missing(condition, scope.vars(), step.id(), host);
        if (missing != null) {
            run.emit(new RunEvent.Warning(Instant.now(), host.name(), "step '" + step.id() + "': when: " + condition
                    + " was false, and " + missing + "; the work it guards was skipped"));
        }
    }

    /** The unknown value that makes the step's when fail to evaluate in a plan, or null. */
    private String unknownCause(Scope stepScope) {
        try {
            run.templater().test(step.when(), stepScope.vars());
            return null;
        } catch (TemplateException e) {
            return stepScope.unknownCause(e);
        }
    }

    private StepResult failed(String reason) {
        return new StepResult(StepStatus.FAILED, true, step.id(), reason);
    }

    /** Runbook, inventory, step variables; facts and extra vars above them. */
    private Scope scope() throws InterruptedException {
        TargetHost t = host.host();
        Map<String, Object> hostLayer = new LinkedHashMap<>(magic(run, t));
        hostLayer.putAll(t.hostVars());
        VarScope layers = VarScope.empty()
                .with(VarScope.Layer.RUNBOOK, run.runbook().vars())
                .with(VarScope.Layer.INVENTORY_GROUP, t.groupVars())
                .with(VarScope.Layer.INVENTORY_HOST, hostLayer)
                .with(VarScope.Layer.STEP, step.vars())
                .with(VarScope.Layer.INCLUDED, host.included())
                .with(VarScope.Layer.FACTS, host.facts())
                .with(VarScope.Layer.EXTRA, run.request().extraVars());
        return new Scope(layers, host.unknown(), run.templater());
    }

    Scope taskScope(Task task) throws InterruptedException {
        Scope s = RoleVars.layered(scope(), step, task, run.baseDir()).withLayer(VarScope.Layer.TASK, task.vars());
        if (Facts.wanted(task) && host.facts().containsKey("module_setup")) {
            // once setup ran on the host, its facts (and their gather_subset) are what tasks see, as in Ansible
            s = s.withLayer(VarScope.Layer.INVENTORY_HOST, Map.of("ansible_facts", host.moduleFacts()));
        } else if (Facts.wanted(task)) {
            try {
                Map<String, Object> facts = new LinkedHashMap<>(host.gatheredFacts());
                facts.put("date_time", run.runVars().get("ansible_date_time")); // ansible_facts.date_time too
                Map<String, Object> vars = Facts.asVars(facts);
                Map<String, Object> namespace = new LinkedHashMap<>(facts);
                namespace.putAll(host.moduleFacts()); // package_facts' packages, set_fact's names: ansible_facts.NAME
                vars.put("ansible_facts", namespace);
                s = s.withLayer(VarScope.Layer.INVENTORY_HOST, vars);
            } catch (dev.runbook.connection.ConnectionException e) {
                // The task's own module call will meet the same problem and report it as unreachable.
            }
        }
        return s;
    }

    /** The magic variables of host {@code t}: Ansible's, and runbook's own. */
    static Map<String, Object> magic(RunContext run, TargetHost t) {
        Map<String, Object> m = new LinkedHashMap<>(run.runVars());
        m.put("inventory_hostname", t.name());
        m.put("inventory_hostname_short", t.name().split("\\.", 2)[0]);
        m.put("group_names", t.groups().stream().filter(g -> !g.equals("all")).sorted().toList()); // as Ansible: sorted, ungrouped kept
        m.put("groups", run.request().groups());
        m.put("hostvars", new HostVars(run));
        PlayHosts play = run.playHosts();
        m.put("ansible_play_hosts_all", play.all());
        m.put("ansible_play_hosts", play.active());
        m.put("ansible_play_batch", play.activeBatch());
        m.put("play_hosts", play.activeBatch());
        m.put("ansible_check_mode", run.mode() == RunEvent.Mode.PLAN);
        m.put("runbook_check_mode", run.mode() == RunEvent.Mode.PLAN);
        m.put("runbook_name", run.runbook().name());
        m.put("runbook_dir", run.baseDir().toString());
        m.put("playbook_dir", run.baseDir().toString());
        return m;
    }

    /** This step's registered results, handed to the other hosts of a run_once step. */
    private Map<String, Object> registeredValues() {
        Map<String, Object> all = host.facts();
        Map<String, Object> out = new LinkedHashMap<>();
        List<Task> tasks = new java.util.ArrayList<>(step.tasks());
        step.flow().handlers().forEach(h -> tasks.add(h.task()));
        for (Task t : tasks) {
            if (t.register() != null && all.containsKey(t.register())) {
                out.put(t.register(), all.get(t.register()));
            }
        }
        return out;
    }

    private StepResult follow(RunOnce.Claim claim) throws InterruptedException {
        RunOnce.Done done = claim.await();
        done.registered().forEach(host::setFact);
        StepResult r = done.result();
        return new StepResult(r.status(), r.tainted(), r.rootCause(), "run_once: ran on " + claim.owner()
                + (r.reason() == null ? "" : " (" + r.reason() + ")"));
    }

    private void emitFinished(StepResult r, Instant start) {
        run.emit(new RunEvent.StepFinished(Instant.now(), host.name(), step.id(), r.status(), r.reason(),
                Duration.between(start, Instant.now())));
    }
}
