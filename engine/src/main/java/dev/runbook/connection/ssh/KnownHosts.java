package dev.runbook.connection.ssh;

import dev.runbook.connection.ConnectionException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * One known_hosts file shared by all connections of a run (OpenSSH format: hashed names and
 * {@code [host]:port} entries). Checks are serialised so that concurrent first connections under
 * {@link HostKeyPolicy#ACCEPT_NEW} append each new key once.
 */
final class KnownHosts {
    private final Path file;
    private final HostKeyPolicy policy;
    private Store store;

    KnownHosts(Path file, HostKeyPolicy policy) {
        this.file = file;
        this.policy = policy;
    }

    /** A refused key: why, in words. */
    record Refusal(ConnectionException.Cause cause, String message) {
    }

    /** A verifier for one connection attempt; {@link Check#refusal()} tells why it said no. */
    Check newCheck(String inventoryName) {
        return new Check(inventoryName);
    }

    final class Check implements HostKeyVerifier {
        private final String inventoryName;
        private volatile Refusal refusal;

        private Check(String inventoryName) {
            this.inventoryName = inventoryName;
        }

        @Override
        public boolean verify(String hostname, int port, PublicKey key) {
            refusal = KnownHosts.this.verify(inventoryName, hostname, port, key);
            return refusal == null;
        }

        @Override
        public List<String> findExistingAlgorithms(String hostname, int port) {
            if (policy == HostKeyPolicy.OFF) {
                return List.of();
            }
            synchronized (KnownHosts.this) {
                return store().findExistingAlgorithms(hostname, port);
            }
        }

        Refusal refusal() {
            return refusal;
        }
    }

    private synchronized Refusal verify(String name, String hostname, int port, PublicKey key) {
        if (policy == HostKeyPolicy.OFF) {
            return null;
        }
        Store s = store();
        s.outcome = null;
        if (s.verify(hostname, port, key)) {
            return null;
        }
        String where = hostPattern(hostname, port);
        String offered = KeyType.fromKey(key) + " " + Fingerprints.sha256(key);
        if (s.outcome == Outcome.CHANGED) {
            return new Refusal(ConnectionException.Cause.HOST_KEY_CHANGED, "host key of " + name + " (" + where
                    + ") has CHANGED: " + file + " has " + String.join(", ", s.recorded(key, where))
                    + " but the host offered " + offered + ". This can be a reinstalled host or an attack;"
                    + " if the change is expected, remove the old entry with: ssh-keygen -R '" + where
                    + "' -f " + file);
        }
        if (policy == HostKeyPolicy.ACCEPT_NEW) {
            return s.append(where, key) ? null : new Refusal(ConnectionException.Cause.HOST_KEY_UNKNOWN,
                    "host key of " + name + " (" + where + ", " + offered + ") could not be added to " + file);
        }
        return new Refusal(ConnectionException.Cause.HOST_KEY_UNKNOWN, "host key of " + name + " (" + where
                + ") is unknown: " + offered + " is not in " + file + ". Check the fingerprint, then accept it"
                + " with --host-key-checking=accept-new (or add it with: ssh-keyscan -p " + port + " " + hostname
                + " >> " + file + ")");
    }

    static String hostPattern(String hostname, int port) {
        String h = hostname.toLowerCase();
        return port == 22 ? h : "[" + h + "]:" + port;
    }

    private Store store() {
        if (store == null) {
            try {
                store = new Store(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return store;
    }

    private enum Outcome { UNKNOWN, CHANGED }

    /** sshj's parser and matcher, with the decision recorded instead of only logged. */
    private static final class Store extends OpenSSHKnownHosts {
        private Outcome outcome;

        Store(File file) throws IOException {
            super(file);
        }

        @Override
        protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
            outcome = Outcome.UNKNOWN;
            return false;
        }

        @Override
        protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
            outcome = Outcome.CHANGED;
            return false;
        }

        /** The recorded keys (type and fingerprint) of the offered key's type for this host. */
        List<String> recorded(PublicKey offered, String where) {
            KeyType type = KeyType.fromKey(offered);
            List<String> out = new ArrayList<>();
            for (KnownHostEntry e : entries()) {
                try {
                    if (e.appliesTo(type, where)) {
                        out.add(type + " " + Fingerprints.sha256OfLine(e.getLine(), type.toString()));
                    }
                } catch (IOException ex) {
                    // an unreadable entry is skipped, as by the matcher itself
                }
            }
            return out;
        }

        boolean append(String where, PublicKey key) {
            try {
                Path parent = khFile.toPath().toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    // like ~/.ssh made by OpenSSH: private to its owner
                    Files.createDirectories(parent, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
                }
                HostEntry entry = new HostEntry(null, where, KeyType.fromKey(key), key);
                write(entry);
                entries().add(entry);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
