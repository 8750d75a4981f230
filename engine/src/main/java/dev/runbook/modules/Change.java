package dev.runbook.modules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A module's answer to "what would you change?", computed from read-only probes.
 *
 * @param kind     create / change / remove / none / unknown
 * @param summary  one line for people ("would write 120 bytes to /etc/app.conf")
 * @param diff     unified diff of file content, or null
 * @param result   what {@code register} would hold, when the probes already know it; null when
 *                 the result cannot be known without applying (then dependents see "unknown")
 * @param probe    what the probes saw, for drift detection of saved plans (e.g. a file's sha256);
 *                 must be the same on a re-probe if nothing changed on the host
 */
public record Change(ChangeKind kind, String summary, String diff, Map<String, Object> result, String probe) {
    public Change {
        Objects.requireNonNull(kind, "kind");
        summary = summary == null ? "" : summary;
        result = result == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(result));
        probe = probe == null ? "" : probe;
    }

    public static Change none(String summary) {
        return new Change(ChangeKind.NONE, summary, null, Map.of("changed", false), null);
    }

    public static Change unknown(String summary) {
        return new Change(ChangeKind.UNKNOWN, summary, null, null, null);
    }

    public static Change of(ChangeKind kind, String summary) {
        return new Change(kind, summary, null, null, null);
    }

    public Change withDiff(String text) {
        return new Change(kind, summary, text, result, probe);
    }

    public Change withResult(Map<String, Object> data) {
        return new Change(kind, summary, diff, data, probe);
    }

    public Change withProbe(String text) {
        return new Change(kind, summary, diff, result, text);
    }
}
