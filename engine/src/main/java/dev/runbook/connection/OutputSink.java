package dev.runbook.connection;

/** Receives a command's output as it arrives, line by line. Must be thread-safe. */
public interface OutputSink {
    OutputSink NONE = (stream, line) -> { };

    enum Stream { STDOUT, STDERR }

    void line(Stream stream, String line);
}
