package dev.runbook.modules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A module's declaration: its name, what it does, and its arguments.
 *
 * @param freeForm the module accepts a free-form string ({@code shell: echo hi}), stored as
 *                 {@link dev.runbook.model.ModuleCall#FREE_FORM}
 * @param example  a short YAML example for the docs
 */
public record ModuleSpec(String name, String description, List<ArgSpec> args, boolean freeForm, String example) {
    public ModuleSpec {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        args = List.copyOf(args);
        example = example == null ? "" : example;
    }

    public Optional<ArgSpec> arg(String nameOrAlias) {
        for (ArgSpec a : args) {
            if (a.name().equals(nameOrAlias) || a.aliases().contains(nameOrAlias)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
