package dev.runbook.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by apply and plan. */
final class RunOptions {
    enum Output { text, json }

    enum HostKeyChecking { strict, accept_new, off }

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY",
            description = "Ansible inventory: an INI or YAML file, an executable inventory script, a directory of them, "
                    + "or host1,host2, (a list). Repeatable. Default: ansible.cfg's inventory, else localhost run locally.")
    List<String> inventory = new ArrayList<>();

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "Only hosts matching this pattern as well.")
    String limit;

    @Option(names = {"-f", "--forks"}, paramLabel = "N",
            description = "Tasks in flight at once, across all hosts (default: ansible.cfg's forks, else 50).")
    Integer forks;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "KEY=VALUE|@FILE",
            description = "Extra variables, highest precedence: KEY=VALUE, @vars.yml or a JSON map. Repeatable.")
    List<String> extraVars = new ArrayList<>();

    @Option(names = "--only", paramLabel = "STEP", description = "Run only this step (its needs count as done).")
    String only;

    @Option(names = "--from", paramLabel = "STEP", description = "Run this step and every step after it.")
    String from;

    @Option(names = "--force-handlers", description = "Run notified handlers even when a later task of the step fails "
            + "(default: ansible.cfg's force_handlers; a step's force_handlers wins).")
    boolean forceHandlers;

    @Option(names = "--diff", description = "Show content diffs of files that change.")
    boolean diff;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file (default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--host-key-checking", paramLabel = "MODE",
            converter = HostKeyCheckingConverter.class,
            description = "strict (default; off when ansible.cfg says host_key_checking = False), accept-new (record unknown "
                    + "keys, never changed ones) or off (warns on every run).")
    HostKeyChecking hostKeyChecking;

    @Option(names = {"-K", "--ask-become-pass"}, description = "Ask for the sudo password (or set RUNBOOK_BECOME_PASSWORD).")
    boolean askBecomePass;

    @picocli.CommandLine.Mixin
    VaultOptions vault = new VaultOptions();

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json: one event per line.")
    Output output;

    @Option(names = {"-v", "--verbose"}, description = "Also show the output of commands as they run.")
    boolean verbose;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".runbook", description = "Where run state lives (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    static final class HostKeyCheckingConverter implements picocli.CommandLine.ITypeConverter<HostKeyChecking> {
        @Override
        public HostKeyChecking convert(String value) {
            return switch (value) {
                case "strict", "yes", "true" -> HostKeyChecking.strict;
                case "accept-new", "accept_new" -> HostKeyChecking.accept_new;
                case "off", "no", "false" -> HostKeyChecking.off;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not one of strict, accept-new, off");
            };
        }
    }
}
