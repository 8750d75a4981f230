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

    /** As {@link #run(String...)} with this environment, working directory, stdin and prompt. */
    public static Result run(Environment env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RunbookCommand.newCommandLine(new PrintWriter(out), new PrintWriter(err), Terminal.PLAIN, env).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** An environment with only these variables, {@code dir} as working directory, {@code stdin}, no terminal. */
    public static Environment env(java.nio.file.Path dir, java.util.Map<String, String> vars, String stdin) {
        return new Environment(vars, dir, new java.io.ByteArrayInputStream(
                (stdin == null ? "" : stdin).getBytes(java.nio.charset.StandardCharsets.UTF_8)), prompt -> null);
    }

    /** Replaces what changes from run to run (durations, run ids) so output can be compared exactly. */
    public static String normalised(String output) {
        return output.replaceAll("run \\d{8}-\\d{6}-[0-9a-f]{4}", "run ID")
                .replaceAll("\\b\\d+(\\.\\d+)?(ms|s)\\b", "T")
                .replaceAll("\\b\\d+m\\d\\ds\\b", "T");
    }
}
