package dev.runbook.report;

import dev.runbook.diag.Diagnostic;
import dev.runbook.diag.Diagnostics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one renderer of diagnostics: {@code file:line:col: error: summary — suggestion}, then the
 * offending source line with a caret under the column, then the detail.
 */
public final class DiagnosticPrinter {
    private final PrintWriter out;
    private final boolean colour;
    private final Map<String, List<String>> sources = new HashMap<>();

    public DiagnosticPrinter(PrintWriter out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    /** Prints every diagnostic, in file order, and a closing count. */
    public void print(Diagnostics diags, String closing) {
        List<Diagnostic> all = diags.sorted();
        for (Diagnostic d : all) {
            print(d);
        }
        long errors = all.stream().filter(Diagnostic::isError).count();
        if (closing != null && errors > 0) {
            out.println(errors + (errors == 1 ? " error" : " errors") + closing);
        }
        out.flush();
    }

    public void print(Diagnostic d) {
        String line = d.oneLine();
        out.println(colour ? Ansi.bold(line) : line);
        sourceLine(d).ifPresent(src -> {
            String number = String.valueOf(d.span().line());
            String pad = " ".repeat(number.length());
            out.println(" " + number + " | " + src);
            int col = Math.max(1, d.span().column());
            StringBuilder caret = new StringBuilder();
            for (int i = 0; i < col - 1 && i < src.length(); i++) {
                caret.append(src.charAt(i) == '\t' ? '\t' : ' ');
            }
            out.println(" " + pad + " | " + caret + (colour ? Ansi.red("^") : "^"));
        });
        if (!d.detail().isEmpty()) {
            out.println("  " + d.detail());
        }
    }

    private java.util.Optional<String> sourceLine(Diagnostic d) {
        if (!d.span().isKnown() || d.span().file().isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> lines = sources.computeIfAbsent(d.span().file(), f -> {
            try {
                Path p = Path.of(f);
                return Files.size(p) > 4_000_000 ? List.of() : Files.readAllLines(p);
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        });
        int i = d.span().line() - 1;
        if (i < 0 || i >= lines.size()) {
            return java.util.Optional.empty();
        }
        String s = lines.get(i);
        return java.util.Optional.of(s.length() > 200 ? s.substring(0, 200) + "…" : s);
    }
}
