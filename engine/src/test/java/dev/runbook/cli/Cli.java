package dev.runbook.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process through the same factory as main, capturing output and exit code. */
public final class Cli {
    public record Result(int exit, String out, String err) {
    }

    private Cli() {
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RunbookCommand.newCommandLine(new PrintWriter(out), new PrintWriter(err), Terminal.PLAIN).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Replaces what changes from run to run (durations, run ids) so output can be compared exactly. */
    public static String normalised(String output) {
        return output.replaceAll("run \\d{8}-\\d{6}-[0-9a-f]{4}", "run ID")
                .replaceAll("\\b\\d+(\\.\\d+)?(ms|s)\\b", "T")
                .replaceAll("\\b\\d+m\\d\\ds\\b", "T");
    }
}
