package dev.runbook.connection.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Private key files, loaded and decrypted once per run (decrypting an OpenSSH key runs bcrypt,
 * which is slow enough to matter over many hosts). A key that cannot be read is reported by
 * name in the authentication failure, never silently dropped.
 */
final class KeyFiles {
    static final String PASSPHRASE_ENV = "RUNBOOK_SSH_PASSPHRASE";
    private static final List<String> DEFAULT_NAMES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final Map<Path, KeyProvider> loaded = new ConcurrentHashMap<>();
    private final Path sshDir;

    KeyFiles(Path sshDir) {
        this.sshDir = sshDir;
    }

    /** Keys of one login attempt, plus the problems met while loading them. */
    record Loaded(List<KeyProvider> keys, List<String> tried, List<String> problems) {
    }

    /** The target's key files, then the default ones that exist, each once. */
    List<Path> candidates(SshTarget target) {
        Set<Path> all = new LinkedHashSet<>();
        for (Path p : target.identityFiles()) {
            all.add(p.toAbsolutePath().normalize());
        }
        for (String name : DEFAULT_NAMES) {
            Path p = sshDir.resolve(name);
            if (Files.isRegularFile(p)) {
                all.add(p.toAbsolutePath().normalize());
            }
        }
        return new ArrayList<>(all);
    }

    Loaded load(SSHClient client, SshTarget target) {
        String passphrase = target.passphrase() != null ? target.passphrase() : System.getenv(PASSPHRASE_ENV);
        List<KeyProvider> keys = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path p : candidates(target)) {
            if (!Files.isReadable(p)) {
                problems.add("key file " + p + " does not exist or is not readable");
                continue;
            }
            try {
                keys.add(loaded.computeIfAbsent(p, k -> decrypt(client, k, passphrase)));
                tried.add(p.toString());
            } catch (KeyLoadFailure e) {
                problems.add(e.getMessage());
            }
        }
        return new Loaded(keys, tried, problems);
    }

    private static KeyProvider decrypt(SSHClient client, Path p, String passphrase) {
        try {
            KeyProvider kp = client.loadKeys(p.toString(), finder(passphrase));
            kp.getPrivate(); // decrypt now: a wrong passphrase is reported here, by file name
            return kp;
        } catch (IOException | RuntimeException e) {
            String why = passphrase == null
                    ? "it may be encrypted: give its passphrase in " + PASSPHRASE_ENV
                    : "wrong passphrase or unsupported key format";
            throw new KeyLoadFailure("cannot load key file " + p + " (" + why + ")");
        }
    }

    private static PasswordFinder finder(String passphrase) {
        return new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                return passphrase == null ? null : passphrase.toCharArray();
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return false;
            }
        };
    }

    private static final class KeyLoadFailure extends RuntimeException {
        KeyLoadFailure(String message) {
            super(message, null, false, false);
        }
    }
}
