package dev.runbook.state;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Who holds a run lock: enough for the other operator to find them. */
public record LockHolder(long pid, String machine, String user, Instant started, String runbook) {

    /** This process, running {@code runbook}. */
    public static LockHolder me(String runbook) {
        String machine;
        try {
            machine = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            machine = System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
        return new LockHolder(ProcessHandle.current().pid(), machine, System.getProperty("user.name"), Instant.now(), runbook);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", pid);
        m.put("machine", machine);
        m.put("user", user);
        m.put("started", started.toString());
        m.put("runbook", runbook);
        return m;
    }

    public static LockHolder of(Map<String, Object> m) {
        return new LockHolder(((Number) m.getOrDefault("pid", 0)).longValue(), String.valueOf(m.get("machine")),
                String.valueOf(m.get("user")), Instant.parse(String.valueOf(m.getOrDefault("started", Instant.EPOCH.toString()))),
                String.valueOf(m.get("runbook")));
    }

    /** "pid 4242 on web-admin, user deploy, since 2026-11-29T12:01:02Z". */
    public String describe() {
        return "pid " + pid + " on " + machine + ", user " + user + ", since " + started;
    }
}
