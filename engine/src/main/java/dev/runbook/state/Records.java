package dev.runbook.state;

import dev.runbook.event.TaskOutcome;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Task outcomes to journal fields and back; values to plain JSON data. */
public final class Records {
    private Records() {
    }

    /** Fields describing an outcome: status, changed, msg, result, diff, ignored. */
    static Map<String, Object> outcome(TaskOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", o instanceof TaskOutcome.Failed f && f.ignored() ? "ignored" : o.status());
        if (o instanceof TaskOutcome.Ok ok) {
            m.put("changed", ok.changed());
            m.put("msg", ok.msg());
            m.put("result", plain(ok.result()));
            if (ok.diff() != null) {
                m.put("diff", ok.diff());
            }
        } else if (o instanceof TaskOutcome.Failed f) {
            m.put("msg", f.msg());
            m.put("result", plain(f.result()));
        } else if (o instanceof TaskOutcome.Skipped s) {
            m.put("msg", s.reason());
        } else if (o instanceof TaskOutcome.Unreachable u) {
            m.put("msg", u.msg());
            m.put("may_have_started", u.mayHaveStarted());
        }
        return m;
    }

    /** The outcome a task_finished record describes. */
    @SuppressWarnings("unchecked")
    public static TaskOutcome outcome(Map<String, Object> r) {
        String status = String.valueOf(r.get("status"));
        String msg = r.get("msg") == null ? "" : String.valueOf(r.get("msg"));
        Map<String, Object> result = r.get("result") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return switch (status) {
            case "ok", "changed" -> new TaskOutcome.Ok("changed".equals(status), msg, result, (String) r.get("diff"));
            case "failed" -> new TaskOutcome.Failed(msg, result, false);
            case "ignored" -> new TaskOutcome.Failed(msg, result, true);
            case "skipped" -> new TaskOutcome.Skipped(msg);
            default -> new TaskOutcome.Unreachable(msg, Boolean.TRUE.equals(r.get("may_have_started")));
        };
    }

    /** Plain JSON data: maps, lists, strings, numbers, booleans, null. */
    public static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(Records::plain).toList();
        }
        if (v instanceof Object[] a) {
            return plain(List.of(a));
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (v instanceof TemporalAccessor || v instanceof java.nio.file.Path) {
            return v.toString();
        }
        return String.valueOf(v);
    }
}
