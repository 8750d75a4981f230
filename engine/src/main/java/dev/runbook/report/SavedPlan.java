package dev.runbook.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A plan saved with {@code plan --out FILE}: what was planned, and fingerprints of what it was
 * planned from, so {@code apply --plan FILE} can refuse when anything drifted. Format documented
 * in docs/dry-run.md.
 */
public record SavedPlan(int formatVersion, String createdAt, Fingerprints fingerprints, Plan plan) {
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * sha256 fingerprints: the runbook and every file it includes; the inventory file with its
     * group_vars and host_vars; the options that choose hosts and steps (extra vars, limit, only, from).
     */
    public record Fingerprints(String runbookFile, String runbook, String inventoryFile, String inventory, String options) {
    }

    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static SavedPlan read(Path file) throws IOException {
        SavedPlan p = JSON.readValue(file.toFile(), SavedPlan.class);
        if (p.formatVersion() != FORMAT_VERSION || p.plan() == null || p.fingerprints() == null) {
            throw new IOException("not a runbook plan (format version " + p.formatVersion() + ")");
        }
        String broken = broken(p.plan());
        if (broken != null) {
            throw new IOException("not a runbook plan: " + broken);
        }
        return p;
    }

    /** What is missing from a plan read back (a hand-edited or truncated file), or null when every part is there. */
    private static String broken(Plan plan) {
        if (plan.hosts() == null) {
            return "no hosts";
        }
        for (Map.Entry<String, Plan.HostPlan> h : plan.hosts().entrySet()) {
            Plan.HostPlan host = h.getValue();
            if (host == null || !h.getKey().equals(host.host()) || host.steps() == null) {
                return "host '" + h.getKey() + "' has no steps, or another name inside";
            }
            for (Plan.StepPlan step : host.steps()) {
                if (step == null || step.step() == null || step.status() == null || step.tasks() == null
                        || step.tasks().stream().anyMatch(java.util.Objects::isNull)) {
                    return "a step of host '" + h.getKey() + "' has no name, status or tasks";
                }
            }
        }
        return null;
    }

    /** Differences between this saved plan and a fresh one, in words; empty when they match. */
    public List<String> drift(Plan fresh) {
        List<String> out = new ArrayList<>();
        Map<String, Plan.HostPlan> was = plan.hosts();
        for (String host : fresh.hosts().keySet()) {
            if (!was.containsKey(host)) {
                out.add(host + ": not in the plan");
            }
        }
        for (Plan.HostPlan old : was.values()) {
            Plan.HostPlan now = fresh.hosts().get(old.host());
            if (now == null) {
                out.add(old.host() + ": in the plan, but no longer selected");
                continue;
            }
            compare(old, now, out);
        }
        return out;
    }

    private static void compare(Plan.HostPlan old, Plan.HostPlan now, List<String> out) {
        for (Plan.StepPlan s : old.steps()) {
            Plan.StepPlan n = now.steps().stream().filter(x -> java.util.Objects.equals(x.step(), s.step())).findFirst().orElse(null);
            if (n == null || !java.util.Objects.equals(n.status(), s.status())) {
                out.add(old.host() + ": step '" + s.step() + "' was " + s.status() + ", now " + (n == null ? "absent" : n.status()));
                continue;
            }
            for (Plan.TaskPlan t : s.tasks()) {
                Plan.TaskPlan u = n.tasks().stream().filter(x -> x.index() == t.index()).findFirst().orElse(null);
                if (u == null) {
                    out.add(old.host() + ": " + s.step() + " › " + t.task() + " is no longer planned");
                } else if (!java.util.Objects.equals(u.kind(), t.kind()) || !java.util.Objects.equals(u.probe(), t.probe())) {
                    out.add(old.host() + ": " + s.step() + " › " + t.task() + " changed since the plan: was "
                            + t.kind() + " " + t.summary() + ", now " + u.kind() + " " + u.summary());
                }
            }
        }
    }
}
