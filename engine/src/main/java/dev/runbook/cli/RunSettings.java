package dev.runbook.cli;

import dev.runbook.config.AnsibleConfig;
import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.vault.Vault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run uses, from the flags first, then ansible.cfg (and its ANSIBLE_* variables), then
 * the built-in defaults: inventories, forks, host key checking, become password prompt, the vault
 * passwords, and the connection defaults ansible.cfg gives hosts that set nothing themselves.
 */
final class RunSettings {
    static final int DEFAULT_FORKS = 50;

    private final CliContext ctx;
    private final RunOptions options;
    private final AnsibleConfig config;

    RunSettings(CliContext ctx, RunOptions options) {
        this.ctx = ctx;
        this.options = options;
        this.config = AnsibleConfig.load(ctx.env().vars(), ctx.env().workDir());
    }

    AnsibleConfig config() {
        return config;
    }

    /** -i as given (relative to the working directory), else ansible.cfg's inventory; empty: localhost. */
    List<String> inventories() {
        List<String> out = new ArrayList<>();
        if (!options.inventory.isEmpty()) {
            options.inventory.forEach(i -> out.add(i.contains(",") && !ctx.env().path(i).toFile().exists()
                    ? i : ctx.env().path(i).toString()));
            return out;
        }
        String fromConfig = config.value("inventory");
        if (fromConfig != null) {
            for (String p : fromConfig.split(",")) {
                if (!p.isBlank()) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    int forks() {
        Integer f = options.forks != null ? options.forks : config.integer("forks");
        int forks = f == null ? DEFAULT_FORKS : f;
        if (forks < 1) {
            throw UserInputException.of(SourceSpan.NONE, "--forks must be at least 1, not " + forks
                    + (options.forks == null ? " (from " + config.setting("forks").origin() + ")" : ""), null);
        }
        return forks;
    }

    RunOptions.HostKeyChecking hostKeyChecking() {
        if (options.hostKeyChecking != null) {
            return options.hostKeyChecking;
        }
        return Boolean.FALSE.equals(config.bool("host_key_checking")) ? RunOptions.HostKeyChecking.off
                : RunOptions.HostKeyChecking.strict;
    }

    /** --force-handlers, else ansible.cfg's force_handlers (ANSIBLE_FORCE_HANDLERS). */
    boolean forceHandlers() {
        return options.forceHandlers || Boolean.TRUE.equals(config.bool("force_handlers"));
    }

    boolean askBecomePass() {
        return options.askBecomePass || Boolean.TRUE.equals(config.bool("become_ask_pass"));
    }

    Vault vault() {
        return options.vault.open(ctx, config);
    }

    /** Lowest-precedence host variables from ansible.cfg: what a host's own ansible_* settings override. */
    Map<String, Object> connectionDefaults() {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "ansible_user", config.value("remote_user"));
        put(out, "ansible_ssh_private_key_file", config.value("private_key_file"));
        put(out, "ansible_timeout", config.integer("timeout"));
        put(out, "ansible_ssh_common_args", config.value("ssh_args"));
        put(out, "ansible_become", config.bool("become"));
        put(out, "ansible_become_user", config.value("become_user"));
        String method = config.value("become_method");
        if (method != null && !method.equals("sudo")) {
            throw UserInputException.of(SourceSpan.NONE, "become_method '" + method + "' (from "
                    + config.setting("become_method").origin() + ") is not supported: runbook becomes with sudo only", "");
        }
        return out;
    }

    private static void put(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    static Path path(String p) {
        return Path.of(p);
    }
}
