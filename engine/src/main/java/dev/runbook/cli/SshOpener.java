package dev.runbook.cli;

import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ssh.ConnectPolicy;
import dev.runbook.connection.ssh.HostKeyPolicy;
import dev.runbook.connection.ssh.SshConnector;
import dev.runbook.exec.DefaultConnector;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** SSH for a run, created on first use so local-only runs never load the SSH stack. */
final class SshOpener implements DefaultConnector.SshOpener {
    private final Path knownHosts;
    private final HostKeyPolicy policy;
    private final ConnectPolicy connect;
    private SshConnector connector;

    SshOpener(Path knownHosts, HostKeyPolicy policy, ConnectPolicy connect) {
        this.knownHosts = knownHosts;
        this.policy = policy;
        this.connect = connect;
    }

    @Override
    public Connection open(String host, Map<String, Object> vars) throws ConnectionException {
        SshConnector c;
        synchronized (this) {
            if (connector == null) {
                connector = new SshConnector(knownHosts, policy, null, connect);
            }
            c = connector;
        }
        return c.open(c.resolve(host, vars), false);
    }

    @Override
    public List<String> warnings() {
        return policy == HostKeyPolicy.OFF
                ? List.of("host key checking is off (--host-key-checking=off): hosts are not verified, so a "
                        + "machine in the middle would not be noticed")
                : List.of();
    }

    @Override
    public synchronized void close() {
        if (connector != null) {
            connector.close();
        }
    }
}
