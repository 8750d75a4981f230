package dev.runbook.state;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's journal folded into what happened: per (host, step, task, loop item) the last start,
 * finish and retry count; per (host, step) how the step ended; the run's origin and its end.
 * Later records win: a resumed attempt's records replace the earlier attempt's.
 */
public final class RunView {
    /** One task (or loop item; {@code item} is -1 for the task as a whole) on one host. */
    public record Key(String host, String step, int index, int item) {
    }

    /** What the journal says of one task: its last start and finish (null when none), in journal order. */
    public static final class Entry {
        Map<String, Object> started;
        Map<String, Object> finished;
        int startedAt;
        int finishedAt;
        int rescuedAt = -1;
        int attempts;

        public Map<String, Object> started() {
            return started;
        }

        public Map<String, Object> finished() {
            return finished;
        }

        /** Started and never finished: the task that was in flight when the run stopped. */
        public boolean inFlight() {
            return started != null && (finished == null || finishedAt < startedAt);
        }

        /** Failed, and a block's rescue took the failure over after that (so the run went on past it). */
        public boolean rescued() {
            return finished != null && rescuedAt > finishedAt;
        }

        /**
         * Whether it ran is unknown: in flight, or ended as unreachable after its command may
         * have started (the connection dropped under it). A resume re-checks such a task.
         */
        public boolean mayHaveRun() {
            return inFlight() || finished != null && "unreachable".equals(finished.get("status"))
                    && Boolean.TRUE.equals(finished.get("may_have_started"));
        }

        /** Position of the record that decided this entry, for "everything after it". */
        int position() {
            return Math.max(startedAt, finishedAt);
        }
    }

    private final String id;
    private final Map<String, Object> first;
    private final Map<Key, Entry> tasks = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<String, Object>>> steps = new LinkedHashMap<>();
    private final Map<String, String> unreachable = new LinkedHashMap<>();
    private Map<String, Object> end;
    private Map<String, Object> last;
    private Map<String, Object> lastStart;
    private int attemptsOfRun;

    private RunView(String id, Map<String, Object> first) {
        this.id = id;
        this.first = first;
    }

    public static RunView of(String id, List<Map<String, Object>> records) {
        if (records.isEmpty() || !"run_started".equals(records.get(0).get("type"))) {
            throw new StateException("run " + id + ": the journal does not begin with the run's start");
        }
        RunView v = new RunView(id, records.get(0));
        for (int i = 0; i < records.size(); i++) {
            try {
                v.add(i, records.get(i));
            } catch (ClassCastException | NullPointerException | IllegalArgumentException
                     | java.time.DateTimeException e) {
                throw new StateException(History.damaged(id).getMessage() + ": record " + (i + 1) + " ("
                        + records.get(i).get("type") + ") is not as runbook writes it", e);
            }
        }
        return v;
    }

    private void add(int pos, Map<String, Object> r) {
        Instant.parse(String.valueOf(r.get("at"))); // every record carries its time, read by show and reports
        last = r;
        String type = String.valueOf(r.get("type"));
        switch (type) {
            case "run_started", "run_resumed" -> {
                end = null;
                lastStart = r;
                attemptsOfRun++;
                unreachable.clear();
            }
            case "run_finished" -> end = r;
            case "task_started" -> {
                Entry e = tasks.computeIfAbsent(key(r), k -> new Entry());
                e.started = r;
                e.startedAt = pos;
                e.attempts = 0;
            }
            case "task_finished" -> {
                Entry e = tasks.computeIfAbsent(key(r), k -> new Entry());
                e.finished = r;
                e.finishedAt = pos;
            }
            case "task_rescued" -> tasks.computeIfAbsent(key(r), k -> new Entry()).rescuedAt = pos;
            case "task_retried" -> {
                Entry e = tasks.computeIfAbsent(key(r), k -> new Entry());
                e.attempts = Math.max(e.attempts, ((Number) r.get("attempt")).intValue());
            }
            case "step_finished" -> steps.computeIfAbsent(String.valueOf(r.get("host")), h -> new LinkedHashMap<>())
                    .put(String.valueOf(r.get("step")), r);
            case "host_unreachable" -> unreachable.put(String.valueOf(r.get("host")), String.valueOf(r.get("cause")));
            default -> { }
        }
    }

    private static Key key(Map<String, Object> r) {
        return new Key(String.valueOf(r.get("host")), String.valueOf(r.get("step")), ((Number) r.get("index")).intValue(),
                ((Number) r.getOrDefault("item_index", -1)).intValue());
    }

    public String id() {
        return id;
    }

    /** The latest attempt's start record (run_started or run_resumed). */
    public Map<String, Object> lastStart() {
        return lastStart;
    }

    /** What the latest attempt was started from. */
    public RunOrigin origin() {
        @SuppressWarnings("unchecked")
        Map<String, Object> o = (Map<String, Object>) lastStart.get("origin");
        return RunOrigin.of(o == null ? Map.of() : o);
    }

    public String name() {
        return String.valueOf(first.get("name"));
    }

    @SuppressWarnings("unchecked")
    public List<String> hosts() {
        return (List<String>) first.getOrDefault("hosts", List.of());
    }

    @SuppressWarnings("unchecked")
    public List<String> steps() {
        return (List<String>) first.getOrDefault("steps", List.of());
    }

    /** Step to the steps it needs, as the run recorded them (empty for journals written before this was recorded). */
    @SuppressWarnings("unchecked")
    public Map<String, List<String>> needs() {
        return (Map<String, List<String>>) lastStart.getOrDefault("needs", first.getOrDefault("needs", Map.of()));
    }

    /** Who started the run, on which machine: user@machine. */
    public String startedBy() {
        return first.get("user") + "@" + first.get("machine");
    }

    public Instant started() {
        return Instant.parse(String.valueOf(first.get("at")));
    }

    /** From the first start to the last record. */
    public Duration duration() {
        return Duration.between(started(), Instant.parse(String.valueOf(last.get("at"))));
    }

    /** The record that ended the latest attempt, or null when it never ended (killed, or still running). */
    public Map<String, Object> end() {
        return end;
    }

    /** How many times the run was started (1 + resumes). */
    public int attempts() {
        return attemptsOfRun;
    }

    public Map<Key, Entry> tasks() {
        return tasks;
    }

    /** Host to step to its step_finished record. */
    public Map<String, Map<String, Map<String, Object>>> stepResults() {
        return steps;
    }

    public Map<String, String> unreachable() {
        return unreachable;
    }
}
