package dev.runbook.exec;

import dev.runbook.event.RunEvent.HostRecap;
import java.time.Duration;
import java.util.Map;

/** How a run ended: its id, the exit status for the CLI, per-host counts and the time it took. */
public record RunResult(String runId, Status status, Map<String, HostRecap> recap, Duration duration) {
    public enum Status {
        OK(0), FAILED(2), UNREACHABLE(3), INTERRUPTED(5);

        private final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    public RunResult {
        recap = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(recap));
    }
}
