package dev.runbook.modules;

import java.util.List;
import java.util.Objects;

/**
 * One declared argument of a module. Validation, {@code runbook modules NAME} and
 * {@code docs/modules.md} all come from this declaration.
 *
 * @param secret its value is never shown (masked in output, logs, journals and plans)
 */
public record ArgSpec(String name, ArgType type, boolean required, Object defaultValue, List<String> choices,
                      String description, List<String> aliases, boolean secret) {
    public ArgSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        choices = choices == null ? List.of() : List.copyOf(choices);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        description = description == null ? "" : description;
    }

    public static ArgSpec required(String name, ArgType type, String description) {
        return new ArgSpec(name, type, true, null, null, description, null, false);
    }

    public static ArgSpec optional(String name, ArgType type, Object defaultValue, String description) {
        return new ArgSpec(name, type, false, defaultValue, null, description, null, false);
    }

    public ArgSpec withChoices(String... values) {
        return new ArgSpec(name, type, required, defaultValue, List.of(values), description, aliases, secret);
    }

    public ArgSpec withAliases(String... names) {
        return new ArgSpec(name, type, required, defaultValue, choices, description, List.of(names), secret);
    }

    public ArgSpec asSecret() {
        return new ArgSpec(name, type, required, defaultValue, choices, description, aliases, true);
    }
}
