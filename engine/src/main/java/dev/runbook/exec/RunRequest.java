package dev.runbook.exec;

import dev.runbook.event.RunEvent;
import java.util.List;
import dev.runbook.model.Runbook;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One run: which runbook on which hosts (already selected by pattern and --limit, in inventory
 * order), how. {@code only} and {@code from} are null when not given. {@code becomePassword}
 * (from --ask-become-pass) is used when a host has no ansible_become_password. {@code forks} bounds tasks in flight across all hosts.
 * {@code secrets} are values that must never be shown (decrypted from Ansible Vault): masked in
 * everything a task reports. {@code resume} answers what an earlier attempt of the same run
 * finished ({@link ResumePoint#NONE} for a new run).
 */
public record RunRequest(Runbook runbook, List<TargetHost> hosts, Map<String, List<String>> groups, int forks,
                         Map<String, Object> extraVars, String only, String from, RunEvent.Mode mode,
                         boolean diff, Connector connector, Path stateDir, String becomePassword, Set<String> secrets,
                         ResumePoint resume) {
    public static final int DEFAULT_FORKS = 50;

    public RunRequest {
        Objects.requireNonNull(runbook, "runbook");
        hosts = List.copyOf(hosts);
        groups = groups == null ? Map.of() : Map.copyOf(groups);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(connector, "connector");
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1");
        }
        secrets = secrets == null ? Set.of() : Set.copyOf(secrets);
        resume = resume == null ? ResumePoint.NONE : resume;
        extraVars = extraVars == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraVars));
    }

    /** A run with no secrets beyond the host's passwords and secret module arguments. */
    public RunRequest(Runbook runbook, List<TargetHost> hosts, Map<String, List<String>> groups, int forks,
                      Map<String, Object> extraVars, String only, String from, RunEvent.Mode mode,
                      boolean diff, Connector connector, Path stateDir, String becomePassword) {
        this(runbook, hosts, groups, forks, extraVars, only, from, mode, diff, connector, stateDir, becomePassword, Set.of());
    }

    /** A new run (nothing to resume). */
    public RunRequest(Runbook runbook, List<TargetHost> hosts, Map<String, List<String>> groups, int forks,
                      Map<String, Object> extraVars, String only, String from, RunEvent.Mode mode,
                      boolean diff, Connector connector, Path stateDir, String becomePassword, Set<String> secrets) {
        this(runbook, hosts, groups, forks, extraVars, only, from, mode, diff, connector, stateDir, becomePassword, secrets,
                ResumePoint.NONE);
    }

    /** The same run, continuing what {@code resume} says was done before. */
    public RunRequest resuming(ResumePoint resume) {
        return new RunRequest(runbook, hosts, groups, forks, extraVars, only, from, mode, diff, connector, stateDir,
                becomePassword, secrets, resume);
    }

    @Override
    public String toString() {
        return "RunRequest[runbook=" + runbook.name() + ", hosts=" + hosts.size() + ", mode=" + mode + "]"; // no secrets
    }
}
