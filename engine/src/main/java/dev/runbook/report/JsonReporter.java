package dev.runbook.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.runbook.event.RunEvent;
import dev.runbook.event.RunListener;
import dev.runbook.event.TaskOutcome;
import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --output json}: one JSON object per line per event, with an {@code event} field
 * ({@code task_finished}, ...) and the event's fields in snake_case; durations in milliseconds.
 */
public final class JsonReporter implements RunListener {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final PrintWriter out;

    public JsonReporter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void on(RunEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", snake(event.getClass().getSimpleName()));
        m.putAll(fields((Record) event));
        try {
            out.println(JSON.writeValueAsString(m));
        } catch (JsonProcessingException e) {
            out.println("{\"event\":\"error\",\"message\":" + quote(e.getMessage()) + "}");
        }
        out.flush();
    }

    /** A record's components as a map, recursively; the form used by the JSON output and plans. */
    public static Map<String, Object> fields(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (r instanceof TaskOutcome o) {
            m.put("status", o.status());
        }
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(r);
                String name = snake(c.getName());
                if (v instanceof Duration d) {
                    m.put(name + "_ms", d.toMillis());
                } else {
                    m.put(name, value(v));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return m;
    }

    static Object value(Object v) {
        if (v instanceof Record r) {
            return fields(r);
        }
        if (v instanceof Instant i) {
            return i.toString();
        }
        if (v instanceof Enum<?> e) {
            return e == null ? null : e.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, val) -> out.put(String.valueOf(k), value(val)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(JsonReporter::value).toList();
        }
        if (v instanceof Duration d) {
            return d.toMillis();
        }
        return v;
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            return "\"\"";
        }
    }

}
