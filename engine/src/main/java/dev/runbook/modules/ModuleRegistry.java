package dev.runbook.modules;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The built-in modules by name. Immutable once built. */
public final class ModuleRegistry {
    /** Ansible's fully qualified names of the modules runbook has built in. */
    private static final java.util.regex.Pattern COLLECTION = java.util.regex.Pattern.compile(
            "(?:ansible\\.builtin|ansible\\.legacy|ansible\\.posix|community\\.mysql|community\\.general)\\.(\\w+)");
    private final Map<String, Module> modules;

    public ModuleRegistry(Collection<? extends Module> all) {
        Map<String, Module> m = new TreeMap<>();
        for (Module module : all) {
            if (m.put(module.name(), module) != null) {
                throw new IllegalArgumentException("two modules named " + module.name());
            }
        }
        this.modules = Collections.unmodifiableMap(m);
    }

    /** Every module shipped with runbook. */
    public static ModuleRegistry builtins() {
        return new ModuleRegistry(BuiltinModules.all());
    }

    public Optional<Module> find(String name) {
        Module m = modules.get(name);
        if (m == null) {
            java.util.regex.Matcher fq = COLLECTION.matcher(name);
            if (fq.matches()) {
                m = modules.get(fq.group(1));
            }
        }
        return Optional.ofNullable(m);
    }

    public Collection<Module> all() {
        return modules.values();
    }

    public java.util.Set<String> names() {
        return modules.keySet();
    }
}
