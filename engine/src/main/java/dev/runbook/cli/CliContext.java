package dev.runbook.cli;

import java.io.PrintWriter;

/** What every subcommand gets: where to print, what kind of terminal it is, and its environment. */
public record CliContext(PrintWriter out, PrintWriter err, Terminal terminal, Environment env) {
    public CliContext(PrintWriter out, PrintWriter err, Terminal terminal) {
        this(out, err, terminal, Environment.system());
    }
}
