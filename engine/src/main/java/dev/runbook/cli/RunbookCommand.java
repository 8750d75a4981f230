package dev.runbook.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: subcommands only; `runbook` alone prints help. */
@Command(name = "runbook",
        mixinStandardHelpOptions = true,
        versionProvider = RunbookCommand.Version.class,
        description = "Runs declarative YAML runbooks (a DAG of steps) against inventories of hosts, "
                + "over SSH or locally, with an honest dry-run.",
        subcommands = {
            ApplyCommand.class,
            PlanCommand.class,
            ValidateCommand.class,
            GraphCommand.class,
            InventoryCommand.class,
            ImportCommand.class,
            ModulesCommand.class,
            RunsCommand.class,
            ShowCommand.class,
            VaultCommand.class,
            ConfigCommand.class,
        })
public final class RunbookCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /**
     * The one factory used by {@link Main} and by tests: output to {@code out}, diagnostics and
     * errors to {@code err}, exit codes as {@link ExitCode}.
     */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err, Terminal terminal) {
        return newCommandLine(out, err, terminal, Environment.system());
    }

    /** As above, with the environment, working directory, stdin and password prompt given (tests). */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err, Terminal terminal, Environment env) {
        CommandLine cli = new CommandLine(new RunbookCommand(), new Factory(new CliContext(out, err, terminal, env)));
        cli.setExpandAtFiles(false); // "-e @vars.yml" is Ansible's extra-vars file, not a picocli argument file
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(ex -> ExitCode.INTERNAL_ERROR.code());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new ParameterErrorHandler());
        showExitCodes(cli);
        return cli;
    }

    private static void showExitCodes(CommandLine cli) {
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpList());
        for (CommandLine sub : cli.getSubcommands().values()) {
            showExitCodes(sub);
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK.code();
    }

    /** Gives every subcommand the shared {@link CliContext} through its constructor. */
    private record Factory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RunbookCommand.class.getPackage().getImplementationVersion();
            return new String[] {"runbook " + (v == null ? "dev" : v)};
        }
    }
}
