package dev.runbook.cli;

import dev.runbook.Engine;
import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.Suggestions;
import dev.runbook.diag.UserInputException;
import dev.runbook.event.RunEvent;
import dev.runbook.event.RunListener;
import dev.runbook.exec.Connector;
import dev.runbook.exec.DefaultConnector;
import dev.runbook.exec.RunControl;
import dev.runbook.exec.RunChoices;
import dev.runbook.exec.RunRequest;
import dev.runbook.exec.RunTargets;
import dev.runbook.exec.StepFilter;
import dev.runbook.exec.RunResult;
import dev.runbook.exec.TargetHost;
import dev.runbook.plan.StepGraph;
import dev.runbook.report.ConsoleReporter;
import dev.runbook.report.JsonReporter;
import dev.runbook.report.Plan;
import dev.runbook.report.PlanCollector;
import dev.runbook.report.PlanReporter;
import dev.runbook.report.SavedPlan;
import dev.runbook.vault.Vault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What apply and plan share: load, choose hosts, run with the chosen reporter, map to an exit code. */
final class RunExecution {
    private final CliContext ctx;
    private final RunOptions options;
    private PlanCollector collector = new PlanCollector();
    private List<String> inventories = List.of();
    private boolean collectDiffs;

    RunExecution(CliContext ctx, RunOptions options) {
        this.ctx = ctx;
        this.options = options;
    }

    /** Everything a run needs, checked before anything runs (bad input: exit 4, nothing run). */
    record Prepared(Engine engine, StepGraph graph, RunRequest request) {
    }

    Prepared prepare(Path runbookFile, RunEvent.Mode mode) {
        RunSettings settings = new RunSettings(ctx, options);
        int forks = settings.forks();
        Vault vault = settings.vault();
        Engine engine = Engines.create();
        StepGraph graph = engine.load(runbookFile, vault, Engines.roleSearch(ctx, settings.config()));
        checkStep("--only", options.only, graph);
        checkStep("--from", options.from, graph);
        if (options.only != null && options.from != null) {
            throw UserInputException.of(SourceSpan.NONE, "--only and --from cannot be used together", "choose one");
        }
        inventories = settings.inventories();
        Targets targets = Targets.load(inventories, vault, settings.connectionDefaults());
        List<TargetHost> hosts = targets.select(graph.runbook(), options.limit);
        Map<String, Object> extra = ExtraVars.parse(options.extraVars, vault, ctx.env());
        RunRequest request = new RunRequest(graph.runbook(),
                new RunTargets(hosts, targets.groups(), connector(settings.hostKeyChecking()), targets.lookup()),
                new RunChoices(mode, options.diff || collectDiffs, forks, extra, new StepFilter(options.only, options.from),
                        becomePassword(settings.askBecomePass()), settings.forceHandlers()),
                options.stateDir, vault);
        return new Prepared(engine, graph, request);
    }

    /** Has the modules compute diffs (for a report) even when the screen shows none (no --diff). */
    RunExecution collectDiffs() {
        collectDiffs = true;
        return this;
    }

    /** Runs with the reporter the options ask for; in plan mode also collects the plan. */
    int run(Prepared p, List<RunListener> more) throws InterruptedException {
        boolean plan = p.request().mode() == RunEvent.Mode.PLAN;
        collector = new PlanCollector();
        List<RunListener> listeners = new ArrayList<>();
        if (options.output == RunOptions.Output.json) {
            listeners.add(new JsonReporter(ctx.out()));
        } else if (plan) {
            listeners.add(new PlanReporter(ctx.out(), collector, ctx.terminal().colour(), options.diff));
        } else {
            listeners.add(new ConsoleReporter(ctx.out(), ctx.terminal().colour(), ctx.terminal().interactive(), options.verbose,
                    options.diff));
        }
        if (plan) {
            listeners.add(0, collector);
        }
        listeners.addAll(more);
        return execute(p, RunListener.all(listeners));
    }

    /** Plans without printing anything, for comparing with a saved plan. */
    Plan planQuietly(Prepared p) throws InterruptedException {
        collector = new PlanCollector();
        execute(p, collector);
        return collector.plan();
    }

    private int execute(Prepared p, RunListener listener) throws InterruptedException {
        RunControl control = new RunControl();
        Signals.install(control);
        try {
            RunResult r = p.engine().run(p.graph(), p.request(), listener, control);
            return r.status().exitCode();
        } finally {
            Signals.uninstall();
            ctx.out().flush();
        }
    }

    /** The plan of the last plan-mode run. */
    Plan plan() {
        return collector.plan();
    }

    SavedPlan.Fingerprints fingerprints(Prepared p) {
        return Fingerprints.of(p.graph().runbook(), inventories, p.request().extraVars(), options);
    }

    /** The inventory sources of the last {@link #prepare}, as used (empty: localhost). */
    List<String> inventories() {
        return inventories;
    }

    private Connector connector(RunOptions.HostKeyChecking checking) {
        var policy = switch (checking) {
            case strict -> dev.runbook.connection.ssh.HostKeyPolicy.STRICT;
            case accept_new -> dev.runbook.connection.ssh.HostKeyPolicy.ACCEPT_NEW;
            case off -> dev.runbook.connection.ssh.HostKeyPolicy.OFF;
        };
        return new DefaultConnector(new SshOpener(options.knownHosts, policy, connectPolicy()));
    }

    /** Handshake slots and connect attempts, from RUNBOOK_SSH_HANDSHAKES / RUNBOOK_SSH_CONNECT_ATTEMPTS. */
    private dev.runbook.connection.ssh.ConnectPolicy connectPolicy() {
        try {
            return dev.runbook.connection.ssh.ConnectPolicy.from(ctx.env().vars());
        } catch (IllegalArgumentException e) {
            throw UserInputException.of(SourceSpan.NONE, e.getMessage(), "unset it to use the default, or see docs/ssh.md");
        }
    }

    private String becomePassword(boolean ask) {
        String env = System.getenv("RUNBOOK_BECOME_PASSWORD");
        if (env != null) {
            return env;
        }
        if (!ask) {
            return null;
        }
        var console = System.console();
        if (console == null) {
            throw UserInputException.of(SourceSpan.NONE, "--ask-become-pass needs a terminal to ask on",
                    "set RUNBOOK_BECOME_PASSWORD instead");
        }
        char[] pw = console.readPassword("BECOME password: ");
        return pw == null ? null : new String(pw);
    }

    private static void checkStep(String flag, String step, StepGraph graph) {
        if (step != null && !graph.runbook().steps().containsKey(step)) {
            throw UserInputException.of(SourceSpan.NONE, flag + " names unknown step '" + step + "'",
                    Suggestions.didYouMean(step, graph.runbook().steps().keySet()));
        }
    }
}
