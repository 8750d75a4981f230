package dev.runbook.exec;

import dev.runbook.event.RunEvent;
import java.util.List;
import dev.runbook.model.Runbook;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import dev.runbook.vault.Vault;

/**
 * One run: which runbook on which hosts (already selected by pattern and --limit, in inventory
 * order), how. {@code only} and {@code from} are null when not given. {@code becomePassword}
 * (from --ask-become-pass) is used when a host has no ansible_become_password. {@code forks} bounds tasks in flight across all hosts.
 * {@code vault} decrypts vault-encrypted controller files (copy/template src); everything it has
 * decrypted is secret, masked in everything a task reports. {@code resume} answers what an
 * earlier attempt of the same run finished ({@link ResumePoint#NONE} for a new run).
 */
public record RunRequest(Runbook runbook, List<TargetHost> hosts, Map<String, List<String>> groups, int forks,
                         Map<String, Object> extraVars, String only, String from, RunEvent.Mode mode,
                         boolean diff, Connector connector, Path stateDir, String becomePassword, Vault vault,
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
        vault = vault == null ? Vault.none() : vault;
        resume = resume == null ? ResumePoint.NONE : resume;
        extraVars = extraVars == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraVars));
    }

    /** A run with no secrets beyond the host's passwords and secret module arguments. */
    public RunRequest(Runbook runbook, List<TargetHost> hosts, Map<String, List<String>> groups, int forks,
                      Map<String, Object> extraVars, String only, String from, RunEvent.Mode mode,
                      boolean diff, Connector connector, Path stateDir, String becomePassword) {
        this(runbook, hosts, groups, forks, extraVars, only, from, mode, diff, connector, stateDir, becomePassword, Vault.none());
    }

    /** A new run (nothing to resume). */
    public RunRequest(Runbook runbook, List<TargetHost> hosts, Map<String, List<String>> groups, int forks,
                      Map<String, Object> extraVars, String only, String from, RunEvent.Mode mode,
                      boolean diff, Connector connector, Path stateDir, String becomePassword, Vault vault) {
        this(runbook, hosts, groups, forks, extraVars, only, from, mode, diff, connector, stateDir, becomePassword, vault,
                ResumePoint.NONE);
    }

    /** Every value decrypted from Ansible Vault so far: never to be shown or recorded. */
    public java.util.Set<String> secrets() {
        return vault.revealed();
    }

    /** The same run, continuing what {@code resume} says was done before. */
    public RunRequest resuming(ResumePoint resume) {
        return new RunRequest(runbook, hosts, groups, forks, extraVars, only, from, mode, diff, connector, stateDir,
                becomePassword, vault, resume);
    }

    @Override
    public String toString() {
        return "RunRequest[runbook=" + runbook.name() + ", hosts=" + hosts.size() + ", mode=" + mode + "]"; // no secrets
    }
}
