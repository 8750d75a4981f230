package dev.runbook.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** A wrong option or argument: one clear line plus where to read more, exit 4. */
final class ParameterErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("runbook: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.INVALID_INPUT.code();
    }
}
