package dev.runbook.cli;

import dev.runbook.diag.Suggestions;
import dev.runbook.diag.UserInputException;
import dev.runbook.diag.SourceSpan;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleDocs;
import dev.runbook.modules.ModuleRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `runbook modules [NAME]`: the built-in modules and their arguments, from their declarations. */
@Command(name = "modules", mixinStandardHelpOptions = true,
        description = "List the built-in modules, or show one module's arguments.")
final class ModulesCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "A module to describe.")
    String name;

    @Option(names = "--markdown", description = "Print the reference as Markdown (docs/modules.md).")
    boolean markdown;

    ModulesCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ModuleRegistry registry = ModuleRegistry.builtins();
        if (markdown) {
            ctx.out().print(ModuleDocs.markdown(registry.all()));
        } else if (name == null) {
            ctx.out().print(ModuleDocs.list(registry.all()));
        } else {
            Module m = registry.find(name).orElseThrow(() -> UserInputException.of(SourceSpan.NONE,
                    "unknown module '" + name + "'", Suggestions.didYouMean(name, registry.names())));
            ctx.out().print(ModuleDocs.text(m.spec()));
        }
        ctx.out().flush();
        return ExitCode.OK.code();
    }
}
