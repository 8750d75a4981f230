package dev.runbook.exec;

import dev.runbook.facts.DateTimeFacts;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which run this is and when it started: {@code runbook_run_id} (unique per run, kept when a run
 * is resumed) and {@code ansible_date_time}, taken once on the controller at the start of the run,
 * in its time zone, so every host and every step of a run sees the same time (a backup named after
 * it is named the same everywhere).
 */
record RunStamp(String runId, Instant start, ZoneId zone) {
    RunStamp {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(start, "start");
        zone = zone == null ? ZoneId.systemDefault() : zone;
    }

    Map<String, Object> vars() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runbook_run_id", runId);
        m.put("ansible_date_time", DateTimeFacts.of(start.atZone(zone)));
        return m;
    }
}
