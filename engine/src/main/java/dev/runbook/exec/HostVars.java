package dev.runbook.exec;

import dev.runbook.diag.UserInputException;
import dev.runbook.template.VarScope;
import dev.runbook.template.jinja.FilterFailure;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ansible's {@code hostvars}: every inventory host's variables, as its own tasks would see them
 * outside any step (runbook vars, inventory, registered results and facts, extra vars, its magic
 * variables). Lazy: a host's variables are built when a template reads {@code hostvars['web1']},
 * once per task, so a thousand hosts cost nothing until one is asked for.
 */
final class HostVars extends AbstractMap<String, Object> {
    private final RunContext run;
    /** Created on first use: most tasks never read hostvars. */
    private volatile Map<String, Map<String, Object>> built;

    HostVars(RunContext run) {
        this.run = run;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && run.hostLookup().find(name).isPresent();
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        Map<String, Map<String, Object>> cache = built;
        if (cache == null) {
            synchronized (this) {
                if (built == null) {
                    built = new ConcurrentHashMap<>();
                }
                cache = built;
            }
        }
        try {
            return cache.computeIfAbsent(name, n -> run.hostLookup().find(n).map(this::vars).orElse(null));
        } catch (UserInputException e) {
            // a host outside the run whose vault values cannot be decrypted: the template fails, saying why
            throw new FilterFailure("hostvars['" + name + "']: " + e.diagnostics().all().get(0).oneLine());
        }
    }

    private Map<String, Object> vars(TargetHost t) {
        HostState state = run.playHosts().state(t.name());
        Map<String, Object> host = new LinkedHashMap<>(StepRunner.magic(run, t));
        host.remove("hostvars"); // as Ansible: a host's hostvars entry holds no hostvars of its own
        host.putAll(t.hostVars());
        VarScope layers = VarScope.empty()
                .with(VarScope.Layer.RUNBOOK, run.runbook().vars())
                .with(VarScope.Layer.INVENTORY_GROUP, t.groupVars())
                .with(VarScope.Layer.INVENTORY_HOST, host)
                .with(VarScope.Layer.FACTS, state == null ? Map.of() : state.facts())
                .with(VarScope.Layer.EXTRA, run.request().extraVars());
        return VarResolver.resolve(layers.flatten(), run.templater()).vars();
    }

    @Override
    public Set<String> keySet() {
        return new LinkedHashSet<>(run.hostLookup().names());
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                Iterator<String> names = run.hostLookup().names().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return names.hasNext();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        String n = names.next();
                        return new SimpleImmutableEntry<>(n, get(n));
                    }
                };
            }

            @Override
            public int size() {
                return run.hostLookup().names().size();
            }
        };
    }

    @Override
    public int size() {
        return run.hostLookup().names().size();
    }

    /** Never its content: printing every host's variables by accident would be costly and leak secrets. */
    @Override
    public String toString() {
        return "hostvars";
    }
}
