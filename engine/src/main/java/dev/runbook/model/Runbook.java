package dev.runbook.model;

import dev.runbook.diag.SourceSpan;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed, validated runbook. {@code steps} keeps file order (used to break ties, so output is
 * deterministic). {@code maxFailPercentage} null = not set (stop only when every host failed). {@code files} lists the runbook and every file it included, for fingerprints.
 */
public record Runbook(String name, String description, String hosts, Map<String, Object> vars,
                      Serial serial, Integer maxFailPercentage, Map<String, Step> steps,
                      Path file, List<Path> files, SourceSpan span) {
    public Runbook {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        hosts = hosts == null ? "all" : hosts;
        vars = vars == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        serial = serial == null ? Serial.ALL : serial;
        steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        files = List.copyOf(files);
        if (maxFailPercentage != null && (maxFailPercentage < 0 || maxFailPercentage > 100)) {
            throw new IllegalArgumentException("max_fail_percentage must be 0..100");
        }
    }

    /** The directory relative paths ({@code src:}, includes) are resolved against. */
    public Path baseDir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }
}
