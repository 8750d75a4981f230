package dev.runbook.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point. Everything else goes through {@link RunbookCommand#newCommandLine}, tests included. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        CommandLine cli = RunbookCommand.newCommandLine(out, err, Terminal.detect());
        int code = cli.execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
