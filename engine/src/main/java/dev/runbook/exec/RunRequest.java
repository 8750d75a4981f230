package dev.runbook.exec;

import dev.runbook.event.RunEvent;
import java.util.List;
import dev.runbook.model.Runbook;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import dev.runbook.vault.Vault;

/**
 * One run: which runbook, where ({@link RunTargets}), how ({@link RunChoices}), with the state
 * directory. {@code vault} decrypts vault-encrypted controller files (copy/template src);
 * everything it has decrypted is secret, masked in everything a task reports. {@code resume}
 * answers what an earlier attempt of the same run finished ({@link ResumePoint#NONE} for a new run).
 */
public record RunRequest(Runbook runbook, RunTargets targets, RunChoices choices, Path stateDir, Vault vault,
                         ResumePoint resume) {
    public static final int DEFAULT_FORKS = 50;

    public RunRequest {
        Objects.requireNonNull(runbook, "runbook");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(choices, "choices");
        vault = vault == null ? Vault.none() : vault;
        resume = resume == null ? ResumePoint.NONE : resume;
    }

    /** A new run (nothing to resume). */
    public RunRequest(Runbook runbook, RunTargets targets, RunChoices choices, Path stateDir, Vault vault) {
        this(runbook, targets, choices, stateDir, vault, ResumePoint.NONE);
    }

    public List<TargetHost> hosts() {
        return targets.hosts();
    }

    public Map<String, List<String>> groups() {
        return targets.groups();
    }

    public Connector connector() {
        return targets.connector();
    }

    public RunEvent.Mode mode() {
        return choices.mode();
    }

    public boolean diff() {
        return choices.diff();
    }

    public int forks() {
        return choices.forks();
    }

    public Map<String, Object> extraVars() {
        return choices.extraVars();
    }

    public String only() {
        return choices.steps().only();
    }

    public String from() {
        return choices.steps().from();
    }

    public String becomePassword() {
        return choices.becomePassword();
    }

    /** Every value decrypted from Ansible Vault so far: never to be shown or recorded. */
    public java.util.Set<String> secrets() {
        return vault.revealed();
    }

    /** The same run, continuing what {@code resume} says was done before. */
    public RunRequest resuming(ResumePoint resume) {
        return new RunRequest(runbook, targets, choices, stateDir, vault, resume);
    }

    @Override
    public String toString() {
        return "RunRequest[runbook=" + runbook.name() + ", hosts=" + hosts().size() + ", mode=" + mode() + "]"; // no secrets
    }
}
