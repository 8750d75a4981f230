package dev.runbook.exec;

import dev.runbook.modules.ModuleRegistry;
import dev.runbook.template.Templater;

/** What the engine runs tasks with, the same for every run: the modules, the templater, sudo. */
record RunTools(ModuleRegistry modules, Templater templater, BecomeSpec.BecomeWrapper becomeWrapper) {
}
