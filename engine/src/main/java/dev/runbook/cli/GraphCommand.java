package dev.runbook.cli;

import dev.runbook.plan.GraphRenderer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `runbook graph FILE --format text|dot|mermaid`. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Print the runbook's step graph (deterministic) as text, Graphviz dot or Mermaid.")
final class GraphCommand implements Callable<Integer> {
    enum Format { text, dot, mermaid }

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "RUNBOOK", description = "The runbook file.")
    Path runbook;

    @Option(names = "--format", defaultValue = "text", description = "text, dot or mermaid (default: ${DEFAULT-VALUE}).")
    Format format;

    GraphCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        var graph = Engines.create().load(runbook, dev.runbook.vault.Vault.deferred(), Engines.roleSearch(ctx));
        ctx.out().print(GraphRenderer.render(graph, GraphRenderer.Format.valueOf(format.name().toUpperCase())));
        ctx.out().flush();
        return ExitCode.OK.code();
    }
}
