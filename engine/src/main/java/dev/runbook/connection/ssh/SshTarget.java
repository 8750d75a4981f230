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
 * @param keepAlive      how often an idle or busy connection is checked, and after how many
 *                       unanswered checks it is declared dead
 */
public record SshTarget(String host, String address, int port, String user, List<Path> identityFiles,
                        String password, String passphrase, String proxyJump, Duration connectTimeout,
                        KeepAlive keepAlive) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * OpenSSH's ServerAliveInterval and ServerAliveCountMax: a keep-alive request every
     * {@code interval}; after {@code countMax} of them in a row go unanswered the connection is
     * dead. A host that stops answering is noticed between countMax and countMax + 1 intervals.
     */
    public record KeepAlive(Duration interval, int countMax) {
        public static final KeepAlive DEFAULT = new KeepAlive(Duration.ofSeconds(15), 5);

        public KeepAlive {
            if (interval.toSeconds() < 1 || countMax < 1) {
                throw new IllegalArgumentException("keep-alive interval and count must be at least 1 s and 1");
            }
        }

        /** The longest a silent host goes unnoticed: (countMax + 1) intervals. */
        public Duration bound() {
            return interval.multipliedBy(countMax + 1L);
        }
    }

    public SshTarget(String host, String address, int port, String user, List<Path> identityFiles,
                     String password, String passphrase, String proxyJump, Duration connectTimeout) {
        this(host, address, port, user, identityFiles, password, passphrase, proxyJump, connectTimeout, null);
    }

    public SshTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        identityFiles = identityFiles == null ? List.of() : List.copyOf(identityFiles);
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        keepAlive = keepAlive == null ? KeepAlive.DEFAULT : keepAlive;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " of host " + host + " is not between 1 and 65535");
        }
    }

    /** {@code user@address:port}, as shown in messages. */
    public String endpoint() {
        return user + "@" + address + ":" + port;
    }

    public SshTarget withProxyJump(String jump) {
        return new SshTarget(host, address, port, user, identityFiles, password, passphrase, jump, connectTimeout, keepAlive);
    }

    @Override
    public String toString() {
        return "SshTarget[" + host + " " + endpoint() + ", keys=" + identityFiles
                + (password != null ? ", password=****" : "") + (passphrase != null ? ", passphrase=****" : "")
                + (proxyJump != null ? ", proxyJump=" + proxyJump : "") + "]";
    }
}
