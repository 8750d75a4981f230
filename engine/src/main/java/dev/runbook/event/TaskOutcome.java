package dev.runbook.event;

import dev.runbook.modules.Change;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** How one task ended on one host. A sealed type, not a result dict. */
public sealed interface TaskOutcome {

    /** The status word shown to people: ok, changed, failed, skipped, unreachable, planned. */
    String status();

    /** Ran; {@code changed} tells whether it changed the host. {@code result} is what register stores. */
    record Ok(boolean changed, String msg, Map<String, Object> result, String diff) implements TaskOutcome {
        public Ok {
            result = result == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(result));
            msg = msg == null ? "" : msg;
        }

        @Override
        public String status() {
            return changed ? "changed" : "ok";
        }
    }

    /** Ran and failed, or could not run. {@code ignored} when ignore_errors let the step go on. */
    record Failed(String msg, Map<String, Object> result, boolean ignored) implements TaskOutcome {
        public Failed {
            result = result == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(result));
            msg = msg == null ? "" : msg;
        }

        @Override
        public String status() {
            return ignored ? "failed (ignored)" : "failed";
        }
    }

    /** Did not run: a false {@code when}, an upstream failure, a run_once on another host. */
    record Skipped(String reason) implements TaskOutcome {
        @Override
        public String status() {
            return "skipped";
        }
    }

    /** The host could not be reached; {@code mayHaveStarted} when the task may have begun. */
    record Unreachable(String msg, boolean mayHaveStarted) implements TaskOutcome {
        @Override
        public String status() {
            return "unreachable";
        }
    }

    /** Plan mode: what the task would do. */
    record Planned(Change change) implements TaskOutcome {
        @Override
        public String status() {
            return change.kind().symbol();
        }
    }
}
