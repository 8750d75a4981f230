package dev.runbook.cli;

import java.io.PrintWriter;

/** What every subcommand gets: where to print and what kind of terminal it is. */
public record CliContext(PrintWriter out, PrintWriter err, Terminal terminal) {
}
