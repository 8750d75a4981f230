package dev.runbook.connection;

import java.time.Duration;

/** How a command ended. {@code timedOut} means the process tree was killed at the timeout. */
public record CommandResult(int exitCode, String stdout, String stderr, Duration duration, boolean timedOut) {
    public CommandResult {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        duration = duration == null ? Duration.ZERO : duration;
    }

    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }
}
