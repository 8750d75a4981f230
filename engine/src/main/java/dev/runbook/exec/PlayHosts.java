package dev.runbook.exec;

import dev.runbook.event.RunEvent;
import dev.runbook.event.RunListener;
import dev.runbook.event.TaskOutcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which hosts the run is about, as Ansible's magic variables tell it: {@code ansible_play_hosts_all}
 * (every host of the run), {@code ansible_play_hosts} (those without a failure so far, every batch),
 * {@code ansible_play_batch} (those of the current batch without one), and each host's state for
 * {@code hostvars}. A listener: a failed task or an unreachable host takes the host out.
 */
final class PlayHosts implements RunListener {
    private final List<String> all;
    private final Set<String> removed = ConcurrentHashMap.newKeySet();
    private final Map<String, HostState> states = new ConcurrentHashMap<>();
    private volatile List<String> batch = List.of();
    /** The lists as last computed; rebuilt only after a host left or a batch started (every task reads them). */
    private volatile List<String> active;
    private volatile List<String> activeBatch;

    PlayHosts(List<String> all) {
        this.all = List.copyOf(all);
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.TaskFinished f && f.item() == null
                && (f.outcome() instanceof TaskOutcome.Failed failed && !failed.ignored() || f.outcome() instanceof TaskOutcome.Unreachable)) {
            remove(f.host());
        } else if (event instanceof RunEvent.HostUnreachable u) {
            remove(u.host());
        }
    }

    private synchronized void remove(String host) {
        if (removed.add(host)) {
            active = null;
            activeBatch = null;
        }
    }

    synchronized void startBatch(List<String> hosts) {
        batch = List.copyOf(hosts);
        activeBatch = null;
    }

    void started(HostState state) {
        states.put(state.name(), state);
    }

    /** The state of a host of this run that has started (its registered results and facts), else null. */
    HostState state(String name) {
        return states.get(name);
    }

    List<String> all() {
        return all;
    }

    synchronized List<String> active() {
        List<String> a = active;
        if (a == null) {
            a = all.stream().filter(h -> !removed.contains(h)).toList();
            active = a;
        }
        return a;
    }

    synchronized List<String> activeBatch() {
        List<String> b = activeBatch;
        if (b == null) {
            b = batch.stream().filter(h -> !removed.contains(h)).toList();
            activeBatch = b;
        }
        return b;
    }
}
