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

    /** Keys of one login attempt (the target's, then the default ones), and the problems met. */
    record Loaded(List<KeyProvider> explicit, List<KeyProvider> defaults, List<String> tried, List<String> problems) {
    }

    /** The default key files that exist and are not among the target's own. */
    List<Path> defaults(SshTarget target) {
        Set<Path> own = own(target);
        List<Path> out = new ArrayList<>();
        for (String name : DEFAULT_NAMES) {
            Path p = sshDir.resolve(name).toAbsolutePath().normalize();
            if (Files.isRegularFile(p) && !own.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static Set<Path> own(SshTarget target) {
        Set<Path> own = new LinkedHashSet<>();
        for (Path p : target.identityFiles()) {
            own.add(p.toAbsolutePath().normalize());
        }
        return own;
    }

    Loaded load(SSHClient client, SshTarget target) {
        String passphrase = target.passphrase() != null ? target.passphrase() : System.getenv(PASSPHRASE_ENV);
        List<String> tried = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<KeyProvider> explicit = load(client, new ArrayList<>(own(target)), passphrase, tried, problems);
        List<KeyProvider> defaults = load(client, defaults(target), passphrase, tried, problems);
        return new Loaded(explicit, defaults, tried, problems);
    }

    private List<KeyProvider> load(SSHClient client, List<Path> files, String passphrase, List<String> tried,
                                   List<String> problems) {
        List<KeyProvider> keys = new ArrayList<>();
        for (Path p : files) {
            if (!Files.isReadable(p)) {
                problems.add("key file " + p + " does not exist or is not readable");
                continue;
            }
            try {
                keys.add(loaded.computeIfAbsent(p, k -> decrypt(client, k, passphrase)));
                tried.add("key " + p);
            } catch (KeyLoadFailure e) {
                problems.add(e.getMessage());
            }
        }
        return keys;
    }

    private static KeyProvider decrypt(SSHClient client, Path p, String passphrase) {
        try {
            KeyProvider kp = client.loadKeys(p.toString(), finder(passphrase, p));
            kp.getPrivate(); // decrypt now: a wrong passphrase is reported here, by file name
            return kp;
        } catch (IOException | RuntimeException e) {
            String why = passphrase == null
                    ? "it may be encrypted: give its passphrase in " + PASSPHRASE_ENV
                    : "wrong passphrase or unsupported key format";
            throw new KeyLoadFailure("cannot load key file " + p + " (" + why + ")");
        }
    }

    private static PasswordFinder finder(String passphrase, Path file) {
        return new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                return passphrase != null ? passphrase.toCharArray() : prompt(file); // sshj passes no resource here
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return false;
            }
        };
    }

    /**
     * No passphrase given: ask on the terminal, as ssh does (once per key file per run: loaded keys
     * are kept). Without a terminal there is no one to ask, and the error names the variable.
     */
    private static char[] prompt(Path file) {
        java.io.Console console = System.console();
        if (console == null) {
            return null;
        }
        synchronized (KeyFiles.class) { // hosts connect in parallel: one prompt at a time
            return console.readPassword("Enter passphrase for key '%s': ", file);
        }
    }

    private static final class KeyLoadFailure extends RuntimeException {
        KeyLoadFailure(String message) {
            super(message, null, false, false);
        }
    }
}
