package dev.runbook.exec;

import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ReadOnlyConnection;
import dev.runbook.facts.HostFacts;
import java.util.Collections;
import dev.runbook.modules.core.IncludeVars;
import dev.runbook.modules.core.SetFact;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one host accumulates during a run: registered results and set_fact values, the names
 * whose value cannot be known in plan mode, its connection and facts. Steps of one host run in
 * parallel, so every access is synchronised.
 */
final class HostState {
    private final TargetHost host;
    private final Connector connector;
    private final boolean readOnly;
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final Map<String, Object> moduleFacts = new LinkedHashMap<>();
    private final Map<String, Object> included = new LinkedHashMap<>();
    private final Set<String> unknown = new HashSet<>();
    private Connection connection;
    private Connection guardedConnection;
    private Map<String, Object> gathered;
    private String unreachable;
    private final Map<String, String> notRun = new LinkedHashMap<>();
    private final Predictions predictions = new Predictions();

    HostState(TargetHost host, Connector connector, boolean readOnly) {
        this.host = host;
        this.connector = connector;
        this.readOnly = readOnly;
    }

    TargetHost host() {
        return host;
    }

    String name() {
        return host.name();
    }

    synchronized Map<String, Object> facts() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    synchronized void setFact(String name, Object value) {
        facts.put(name, value);
        unknown.remove(name);
    }

    /**
     * The facts a module returned under {@code ansible_facts} (set_fact, package_facts,
     * include_vars), in a result or in its loop items' results: variables for the tasks that follow,
     * and {@code ansible_facts.NAME} too. include_vars' go to their own layer, below set_fact.
     */
    synchronized void setFactsFrom(Map<String, Object> result) {
        takeFacts(result);
        if (result.get("results") instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> m) {
                    takeFacts(m);
                }
            }
        }
    }

    private void takeFacts(Map<?, ?> result) {
        if (result.get(SetFact.FACTS) instanceof Map<?, ?> set) {
            boolean includedVars = result.containsKey(IncludeVars.INCLUDED_FILES);
            set.forEach((k, v) -> {
                String name = String.valueOf(k);
                if (includedVars) {
                    included.put(name, v);
                    unknown.remove(name);
                } else {
                    setFact(name, v);
                    // setup's ansible_distribution is ansible_facts.distribution, as in Ansible
                    moduleFacts.put(name.startsWith("ansible_") ? name.substring("ansible_".length()) : name, v);
                }
            });
        }
    }

    /** What modules set under ansible_facts (not registered results): {@code ansible_facts.NAME}. */
    synchronized Map<String, Object> moduleFacts() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(moduleFacts));
    }

    /** The variables include_vars loaded on this host. */
    synchronized Map<String, Object> included() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(included));
    }

    /** Plan mode: {@code name} will hold a value only known when applying. */
    synchronized void setUnknown(String name) {
        facts.remove(name);
        moduleFacts.remove(name);
        included.remove(name);
        unknown.add(name);
    }

    synchronized Set<String> unknown() {
        return Set.copyOf(unknown);
    }

    /** The host's connection, opened on first use; read-only in plan mode. */
    synchronized Connection connection() throws ConnectionException, InterruptedException {
        return connection(readOnly);
    }

    /**
     * The host's connection, opened on first use; {@code guarded}: wrapped so that it refuses
     * anything not read-only. A plan's tasks get the guarded one, except those whose author
     * vouched that they only read ({@code check_mode: false}).
     */
    synchronized Connection connection(boolean guarded) throws ConnectionException, InterruptedException {
        if (unreachable != null) {
            throw new ConnectionException(ConnectionException.Cause.OTHER, unreachable);
        }
        if (connection == null) {
            connection = connector.open(host.name(), host.connectionVars());
            guardedConnection = new ReadOnlyConnection(connection);
        }
        return guarded ? guardedConnection : connection;
    }

    /** Drops the connection (a reboot closed it) and opens a new one; throws while the host is down. */
    synchronized Connection reconnect() throws ConnectionException, InterruptedException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        return connection();
    }

    synchronized Map<String, Object> gatheredFacts() throws ConnectionException, InterruptedException {
        if (gathered == null) {
            gathered = HostFacts.gather(connection());
        }
        return gathered;
    }

    /** Step {@code id} did not run its tasks on this host, and why ("not selected", a skip reason). */
    synchronized void noteNotRun(String id, String why) {
        notRun.put(id, why);
    }

    /** Why step {@code id} did not run here; null when it ran or has not been reached yet. */
    synchronized String notRun(String id) {
        return notRun.get(id);
    }

    /** Plan mode: what earlier tasks on this host are predicted to change. */
    Predictions predictions() {
        return predictions;
    }

    synchronized void markUnreachable(String cause) {
        if (unreachable == null) {
            unreachable = cause;
        }
    }

    synchronized String unreachable() {
        return unreachable;
    }

    synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
            guardedConnection = null;
        }
    }
}
