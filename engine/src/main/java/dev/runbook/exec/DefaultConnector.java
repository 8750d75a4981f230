package dev.runbook.exec;

import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.local.LocalConnection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the transport from {@code ansible_connection}: {@code local}, or {@code ssh} (the default).
 * A host named localhost / 127.0.0.1 with no {@code ansible_connection} runs locally, which is
 * what people mean when they write it.
 */
public final class DefaultConnector implements Connector {
    private static final Set<String> LOCAL_NAMES = Set.of("localhost", "127.0.0.1", "::1");

    /** Opens SSH connections; absent when SSH is not configured for this run. */
    public interface SshOpener extends AutoCloseable {
        Connection open(String host, Map<String, Object> vars) throws ConnectionException, InterruptedException;

        default List<String> warnings() {
            return List.of();
        }

        @Override
        default void close() {
        }
    }

    private final SshOpener ssh;

    public DefaultConnector(SshOpener ssh) {
        this.ssh = ssh;
    }

    @Override
    public Connection open(String host, Map<String, Object> vars) throws ConnectionException, InterruptedException {
        String kind = vars.get("ansible_connection") == null ? null : String.valueOf(vars.get("ansible_connection"));
        if ("local".equals(kind) || (kind == null && LOCAL_NAMES.contains(host) && !vars.containsKey("ansible_host"))) {
            return new LocalConnection(host);
        }
        if (kind != null && !kind.equals("ssh") && !kind.equals("paramiko") && !kind.equals("smart")) {
            throw new ConnectionException(ConnectionException.Cause.OTHER, "ansible_connection '" + kind
                    + "' is not supported (use local or ssh)");
        }
        if (ssh == null) {
            throw new ConnectionException(ConnectionException.Cause.OTHER, "SSH is not available in this run");
        }
        return ssh.open(host, vars);
    }

    @Override
    public List<String> warnings() {
        return ssh == null ? List.of() : ssh.warnings();
    }

    @Override
    public void close() {
        if (ssh != null) {
            try {
                ssh.close();
            } catch (Exception e) {
                // closing at the end of a run: nothing left to report to
            }
        }
    }
}
