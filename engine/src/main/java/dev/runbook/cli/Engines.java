package dev.runbook.cli;

import dev.runbook.Engine;
import dev.runbook.modules.ModuleRegistry;
import dev.runbook.template.JinjavaTemplater;

/** Builds the engine the CLI uses: the built-in modules, Jinja2 templates, sudo for become. */
final class Engines {
    private Engines() {
    }

    static Engine create() {
        return new Engine(ModuleRegistry.builtins(), new JinjavaTemplater(), Become::wrap);
    }
}
