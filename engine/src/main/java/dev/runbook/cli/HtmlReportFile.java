package dev.runbook.cli;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.report.html.HtmlReport;
import dev.runbook.state.History;
import dev.runbook.state.RunStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a run's or a plan's HTML report (`show RUN --html FILE`, `apply --report FILE`, `plan --report FILE`) to a file, whole or not at all. */
final class HtmlReportFile {
    private HtmlReportFile() {
    }

    /** Refuses, before anything runs, a report file whose directory does not exist or that is a directory. */
    static Path checkWritable(Path file) {
        Path target = file.toAbsolutePath().normalize();
        Path dir = target.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw UserInputException.of(SourceSpan.NONE, "cannot write the report " + file + ": the directory " + dir
                    + " does not exist", "create it, or give a file in an existing directory");
        }
        if (Files.isDirectory(target)) {
            throw UserInputException.of(SourceSpan.NONE, "cannot write the report " + file + ": it is a directory",
                    "give a file name, e.g. " + file.resolve("report.html"));
        }
        return target;
    }

    /** Writes the report of run {@code id} to {@code file}; returns the file written. */
    static Path write(RunStore store, String id, Path file, java.util.function.Consumer<String> warnings) {
        return write(store, id, null, file, warnings);
    }

    /** As above, marking what changed since run {@code other} (none: null). */
    static Path write(RunStore store, String id, String other, Path file, java.util.function.Consumer<String> warnings) {
        History history = new History(store, warnings);
        HtmlReport report = other == null ? HtmlReport.of(history.view(id), store)
                : HtmlReport.compared(history.view(id), history.view(other), store);
        return write(report.html(), file);
    }

    /** Writes {@code html} to {@code file} through a temporary file: a reader never sees half a report. */
    static Path write(String html, Path file) {
        Path target = checkWritable(file);
        Path dir = target.getParent();
        try {
            Path tmp = Files.createTempFile(dir, ".report-", ".html.tmp");
            try {
                Files.writeString(tmp, html, StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw UserInputException.of(SourceSpan.NONE, "cannot write the report " + file + ": " + e.getMessage(), null);
        }
        return target;
    }
}
