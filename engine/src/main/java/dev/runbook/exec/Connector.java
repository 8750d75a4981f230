package dev.runbook.exec;

import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import java.util.Map;

/**
 * Opens the transport to a host from its variables ({@code ansible_connection}, {@code
 * ansible_host}, ...). One per run; closed when the run ends.
 */
public interface Connector extends AutoCloseable {

    /** Opens (connects now, so an unreachable host is known before its first task). */
    Connection open(String host, Map<String, Object> hostVars) throws ConnectionException, InterruptedException;

    /** Warnings for people that apply to the whole run (e.g. host key checking is off). */
    default java.util.List<String> warnings() {
        return java.util.List.of();
    }

    @Override
    default void close() {
    }
}
