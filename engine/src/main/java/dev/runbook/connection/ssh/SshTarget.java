package dev.runbook.connection.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how to log in to one host. {@code password} and {@code passphrase} are secrets:
 * {@link #toString()} never shows them.
 *
 * @param host           the host's name in the inventory (used in messages)
 * @param address        the name or IP address to connect to
 * @param identityFiles  private key files to try first, in order (default keys are added at login)
 * @param password       login password, or null
 * @param passphrase     passphrase of encrypted key files, or null (then RUNBOOK_SSH_PASSPHRASE)
 * @param proxyJump      {@code [user@]host[:port]} to tunnel through, or null
 */
public record SshTarget(String host, String address, int port, String user, List<Path> identityFiles,
                        String password, String passphrase, String proxyJump, Duration connectTimeout) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public SshTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        identityFiles = identityFiles == null ? List.of() : List.copyOf(identityFiles);
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " of host " + host + " is not between 1 and 65535");
        }
    }

    /** {@code user@address:port}, as shown in messages. */
    public String endpoint() {
        return user + "@" + address + ":" + port;
    }

    public SshTarget withProxyJump(String jump) {
        return new SshTarget(host, address, port, user, identityFiles, password, passphrase, jump, connectTimeout);
    }

    @Override
    public String toString() {
        return "SshTarget[" + host + " " + endpoint() + ", keys=" + identityFiles
                + (password != null ? ", password=****" : "") + (passphrase != null ? ", passphrase=****" : "")
                + (proxyJump != null ? ", proxyJump=" + proxyJump : "") + "]";
    }
}
