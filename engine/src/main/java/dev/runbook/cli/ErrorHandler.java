package dev.runbook.cli;

import dev.runbook.diag.Diagnostic;
import dev.runbook.diag.UserInputException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns exceptions escaping a subcommand into exit codes. A user's mistake prints its
 * diagnostics (no stack trace) and exits 4; anything else is a bug: one line, exit 1, the stack
 * trace only with RUNBOOK_DEBUG=1.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        if (ex instanceof UserInputException uie) {
            new dev.runbook.report.DiagnosticPrinter(err, false).print(uie.diagnostics(), "; nothing was run");
            return ExitCode.INVALID_INPUT.code();
        }
        if (ex instanceof dev.runbook.state.StateException se) {
            err.println("runbook: " + se.getMessage());
            err.flush();
            return ExitCode.STATE_FAILED.code();
        }
        err.println("runbook: internal error: " + ex);
        if ("1".equals(System.getenv("RUNBOOK_DEBUG"))) {
            ex.printStackTrace(err);
        } else {
            err.println("(set RUNBOOK_DEBUG=1 for the stack trace, and please report it)");
        }
        err.flush();
        return ExitCode.INTERNAL_ERROR.code();
    }
}
