package dev.runbook.cli;

import dev.runbook.Engine;
import dev.runbook.config.AnsibleConfig;
import dev.runbook.parse.RoleSearch;
import java.nio.file.Path;
import dev.runbook.modules.ModuleRegistry;
import dev.runbook.template.JinjavaTemplater;

/** Builds the engine the CLI uses: the built-in modules, Jinja2 templates, sudo for become. */
final class Engines {
    private Engines() {
    }

    static Engine create() {
        return new Engine(ModuleRegistry.builtins(), new JinjavaTemplater(), Become::wrap);
    }

    /** Where roles are found: ansible.cfg's roles_path (or ANSIBLE_ROLES_PATH), else Ansible's default. */
    static RoleSearch roleSearch(CliContext ctx, AnsibleConfig config) {
        String path = config.value("roles_path");
        if (path != null) {
            return RoleSearch.of(path);
        }
        String home = ctx.env().vars().getOrDefault("HOME", System.getProperty("user.home"));
        return RoleSearch.defaults(Path.of(home));
    }

    static RoleSearch roleSearch(CliContext ctx) {
        return roleSearch(ctx, AnsibleConfig.load(ctx.env().vars(), ctx.env().workDir()));
    }
}
