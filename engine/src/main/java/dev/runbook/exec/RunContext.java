package dev.runbook.exec;

import dev.runbook.event.EventRefused;
import dev.runbook.event.RunEvent;
import dev.runbook.event.RunEvent.Mode;
import dev.runbook.event.RunListener;
import dev.runbook.model.Become;
import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import dev.runbook.model.Task;
import dev.runbook.modules.Args;
import dev.runbook.modules.ModuleRegistry;
import dev.runbook.plan.StepGraph;
import dev.runbook.template.Templater;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/** What every host walk of one run shares. */
final class RunContext {
    private final RunRequest request;
    private final RunTools tools;
    private final RunListener listener;
    private final RunControl control;
    private final Semaphore forks;
    private final Producers producers;
    private final Map<String, Object> runVars;
    private final StepGraph graph;
    private final PlayHosts playHosts;

    RunContext(StepGraph graph, RunRequest request, RunTools tools, RunListener listener, RunControl control,
               RunStamp stamp) {
        this.graph = graph;
        this.request = request;
        this.tools = tools;
        this.playHosts = new PlayHosts(request.hosts().stream().map(TargetHost::name).toList());
        this.listener = RunListener.all(List.of(playHosts, listener));
        this.control = control;
        this.forks = new Semaphore(request.forks(), true);
        this.producers = new Producers(request.runbook(), tools.modules());
        this.runVars = stamp.vars();
    }

    /** Variables of the whole run: runbook_run_id, ansible_date_time. */
    Map<String, Object> runVars() {
        return runVars;
    }

    /** The run's hosts for ansible_play_hosts, ansible_play_batch and hostvars. */
    PlayHosts playHosts() {
        return playHosts;
    }

    /** Every inventory host, for hostvars. */
    HostLookup hostLookup() {
        return request.targets().inventory();
    }

    /** Which steps set which variables, to explain a condition false for want of one. */
    Producers producers() {
        return producers;
    }

    RunRequest request() {
        return request;
    }

    Runbook runbook() {
        return request.runbook();
    }

    /** The steps that end before {@code step} starts on a host (every step it needs, directly or further up), in graph order. */
    List<String> before(String step) {
        Set<String> ancestors = graph.ancestors(step);
        return graph.order().stream().filter(ancestors::contains).toList();
    }

    Templater templater() {
        return tools.templater();
    }

    ModuleRegistry modules() {
        return tools.modules();
    }

    Mode mode() {
        return request.mode();
    }

    boolean diff() {
        return request.diff();
    }

    Path baseDir() {
        return request.runbook().baseDir();
    }

    Semaphore forks() {
        return forks;
    }

    RunControl control() {
        return control;
    }

    void emit(RunEvent e) {
        try {
            listener.on(e);
        } catch (EventRefused refused) {
            control.requestStop(); // what cannot be recorded must not run: start nothing more
        }
    }

    /** Emits a task's start; false when a listener that must record it could not (then the task must not run). */
    boolean begin(RunEvent.TaskStarted e) {
        try {
            listener.on(e);
            return true;
        } catch (EventRefused refused) {
            control.requestStop();
            return false;
        }
    }

    ResumePoint resume() {
        return request.resume();
    }

    /** Task over step over the host's ansible_become* variables. */
    BecomeSpec become(HostState host, Step step, Task task, Map<String, Object> vars) {
        Become b = step.become().overriddenBy(task.become());
        Boolean enabled = b.enabled();
        if (enabled == null) {
            Object v = vars.get("ansible_become");
            enabled = v != null && Args.toBool(v);
        }
        if (!enabled) {
            return BecomeSpec.NONE;
        }
        String user = b.user() != null ? b.user() : string(vars.get("ansible_become_user"));
        String password = string(vars.getOrDefault("ansible_become_password", vars.get("ansible_become_pass")));
        if (password == null) {
            password = request.becomePassword();
        }
        return new BecomeSpec(true, user, password, tools.becomeWrapper());
    }

    private static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
