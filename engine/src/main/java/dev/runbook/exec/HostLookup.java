package dev.runbook.exec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every host of the inventory, for {@code hostvars}: their names in inventory order, and one
 * host's variables built only when a template asks for them, so a large inventory costs nothing
 * until used.
 */
public interface HostLookup {
    List<String> names();

    Optional<TargetHost> find(String name);

    /** Just these hosts (the run's). */
    static HostLookup of(List<TargetHost> hosts) {
        Map<String, TargetHost> byName = new LinkedHashMap<>();
        hosts.forEach(h -> byName.put(h.name(), h));
        List<String> names = List.copyOf(byName.keySet());
        return new HostLookup() {
            @Override
            public List<String> names() {
                return names;
            }

            @Override
            public Optional<TargetHost> find(String name) {
                return Optional.ofNullable(byName.get(name));
            }
        };
    }
}
