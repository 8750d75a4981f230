package dev.runbook.report.html;

import dev.runbook.state.JournalWriter;
import dev.runbook.state.LockHolder;
import dev.runbook.state.RunLock;
import dev.runbook.state.RunStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Journals written record by record, for report tests and the report benchmark: a fleet of hosts, steps of tasks. */
final class FleetJournal {
    static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private FleetJournal() {
    }

    /**
     * {@code hosts} hosts ({@code shop0000.example.org}...) running 5 chained steps of {@code tasksPerStep}
     * tasks each, one after the other; every third task changed with a message; host {@code slowHost}
     * (or none, -1) takes {@code slowMs} longer in its second task.
     */
    static List<Map<String, Object>> fleet(int hosts, int tasksPerStep, int slowHost, long slowMs) {
        return fleet(hosts, tasksPerStep, slowHost, slowMs, false);
    }

    /** As above; {@code diffs}: every changed task changed a config file the same way on every host, with its diff. */
    static List<Map<String, Object>> fleet(int hosts, int tasksPerStep, int slowHost, long slowMs, boolean diffs) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            names.add(String.format("shop%04d.example.org", i));
        }
        List<String> steps = List.of("backup", "download", "patch", "migrate", "verify");
        List<Map<String, Object>> records = new ArrayList<>();
        Map<String, Object> needs = new LinkedHashMap<>();
        for (int s = 1; s < steps.size(); s++) {
            needs.put(steps.get(s), List.of(steps.get(s - 1)));
        }
        records.add(rec("run_started", 0, "run", "r1", "name", "fleet", "hosts", names, "steps", steps, "needs", needs,
                "user", "ops", "machine", "laptop", "origin", Map.of("runbook", "/rb.yml")));
        long t = 0;
        for (int h = 0; h < hosts; h++) {
            String host = names.get(h);
            for (int s = 0; s < steps.size(); s++) {
                long stepStart = t;
                for (int i = 0; i < tasksPerStep; i++) {
                    t += 3;
                    long took = 2 + (h == slowHost && s == 0 && i == 1 ? slowMs : 0);
                    String name = "task number " + i + " of step " + steps.get(s);
                    records.add(task("task_started", t, host, steps.get(s), i, name));
                    Map<String, Object> fin = task("task_finished", t + took, host, steps.get(s), i, name);
                    fin.put("status", i % 3 == 0 ? "changed" : "ok");
                    fin.put("changed", i % 3 == 0);
                    fin.put("msg", i % 3 == 0 ? "changed /etc/shop/config-" + i + ".php (1204 bytes, mode 0644)" : "");
                    fin.put("duration_ms", took);
                    if (diffs && i % 3 == 0) {
                        fin.put("diff", diff(host, i));
                    }
                    records.add(fin);
                    t += took;
                }
                records.add(rec("step_finished", t, "host", host, "step", steps.get(s), "status", "changed", "reason", "",
                        "duration_ms", t - stepStart));
            }
        }
        records.add(rec("run_finished", t + 10, "exit", 0, "interrupted", false, "duration_ms", t + 10, "recap", Map.of()));
        return records;
    }

    private static String diff(String host, int i) {
        String file = "/srv/www/" + host + "/config-" + i + ".php";
        return "--- before: " + file + "\n+++ after: " + file + "\n@@ -1,6 +1,6 @@\n <?php\n-define('VERSION', '4.0.2.1');\n"
                + "+define('VERSION', '4.0.2.3');\n define('DB_DRIVER', 'mysqli');\n define('DB_DATABASE', 'shop');\n"
                + " define('DIR_STORAGE', '/srv/storage/');\n define('HTTP_SERVER', '/');\n";
    }

    /**
     * What every host printed: 3 lines of its own in the first task of every step, and the same
     * 12 lines (a package manager's report) in the fourth.
     */
    static final class Printed extends NoOutput {
        @Override
        public List<Map<String, Object>> output(String runId, String host) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (String step : List.of("backup", "download", "patch", "migrate", "verify")) {
                for (int l = 0; l < 3; l++) {
                    out.add(Map.of("step", step, "index", 0, "line", step + " on " + host + ": part " + l + " of 3 done"));
                }
                for (int l = 0; l < 12; l++) {
                    out.add(Map.of("step", step, "index", 3, "line", "Reading package lists... package-" + l + " is already the newest version"));
                }
            }
            return out;
        }
    }

    static Map<String, Object> task(String type, long ms, String host, String step, int index, String name) {
        return rec(type, ms, "host", host, "step", step, "index", index, "item_index", -1, "task", name);
    }

    static Map<String, Object> rec(String type, long ms, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("at", T0.plusMillis(ms).toString());
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A store that holds no task output: the report needs nothing else from it here. */
    static class NoOutput implements RunStore {
        @Override
        public JournalWriter append(String runId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Map<String, Object>> read(String runId, Consumer<String> warnings) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Map<String, Object>> ends(String runId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Map<String, Object>> output(String runId, String host) {
            return List.of();
        }

        @Override
        public RunLock lock(String key, LockHolder me) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> list() {
            return List.of("r1");
        }

        @Override
        public void delete(String runId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String describe() {
            return "memory";
        }
    }
}
