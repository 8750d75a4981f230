package dev.runbook;

import dev.runbook.diag.Diagnostics;
import dev.runbook.event.RunListener;
import dev.runbook.exec.RunControl;
import dev.runbook.exec.RunRequest;
import dev.runbook.exec.RunResult;
import dev.runbook.exec.Scheduler;
import dev.runbook.model.Runbook;
import dev.runbook.modules.ModuleRegistry;
import dev.runbook.parse.RoleSearch;
import dev.runbook.parse.RunbookParser;
import dev.runbook.plan.StepGraph;
import dev.runbook.template.Templater;
import dev.runbook.vault.Vault;
import java.nio.file.Path;

/** The one façade: load (parse and validate) a runbook, then run it in apply or plan mode. */
public final class Engine {
    private final ModuleRegistry modules;
    private final Templater templater;
    private final Scheduler.BecomeWrapperFactory become;

    public Engine(ModuleRegistry modules, Templater templater, Scheduler.BecomeWrapperFactory become) {
        this.modules = modules;
        this.templater = templater;
        this.become = become;
    }

    public ModuleRegistry modules() {
        return modules;
    }

    /**
     * Parses and validates a runbook and its includes: every problem at once, as a
     * {@link dev.runbook.diag.UserInputException}. Nothing runs.
     */
    public StepGraph load(Path file) {
        return load(file, Vault.deferred());
    }

    /**
     * As {@link #load(Path)}, decrypting inline {@code !vault} values with {@code vault} (a wrong
     * or missing password is reported like any other error, at the value).
     */
    public StepGraph load(Path file, Vault vault) {
        return load(file, vault, RoleSearch.defaults(Path.of(System.getProperty("user.home"))));
    }

    /** As {@link #load(Path, Vault)}, finding roles on {@code roles} (after {@code roles/} beside the runbook). */
    public StepGraph load(Path file, Vault vault, RoleSearch roles) {
        RunbookParser parser = new RunbookParser(modules, vault, roles);
        var runbook = parser.parse(file);
        Diagnostics diags = parser.diagnostics();
        if (runbook.isEmpty()) {
            diags.throwIfErrors();
            throw new IllegalStateException("parser returned nothing without an error");
        }
        var graph = StepGraph.check(runbook.get(), diags);
        diags.throwIfErrors();
        return graph.orElseThrow();
    }

    public RunResult run(StepGraph graph, RunRequest request, RunListener listener, RunControl control)
            throws InterruptedException {
        return new Scheduler(modules, templater, become).run(graph, request, listener, control);
    }

    /** The loaded runbook of a graph, for callers that only need the model. */
    public static Runbook runbook(StepGraph graph) {
        return graph.runbook();
    }
}
