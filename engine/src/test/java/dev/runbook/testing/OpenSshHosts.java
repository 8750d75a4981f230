package dev.runbook.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * N real OpenSSH daemons on free 127.0.0.1 ports, each its own child process with its own host
 * key, config and log in a temporary directory; stopped by pid (with the per-connection children
 * they forked, as when a host goes down). Logins are by an ed25519 key as two test users with
 * quiet shells: {@link #USER} (sudo without password) and {@link #PASSWORD_USER} (sudo with the
 * password {@link #sudoPassword()}); their sudoers drop-in is removed on close.
 * Installs openssh-server and sudo when missing.
 */
public final class OpenSshHosts implements AutoCloseable {
    public static final String USER = "rbtest";
    public static final String PASSWORD_USER = "rbpass";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One per JVM: fixtures open at the same time share the user, so they must share its password. */
    private static final String SUDO_PASSWORD = HexFormat.of().formatHex(randomBytes(12));

    private final Path dir;
    private final Path clientKey;
    private final Path sudoers;
    private final String sudoPassword;
    private final List<Daemon> daemons = new ArrayList<>();

    private static final class Daemon {
        final int port;
        final Path config;
        final Path log;
        Process process;

        Daemon(int port, Path config, Path log) {
            this.port = port;
            this.config = config;
            this.log = log;
        }
    }

    private OpenSshHosts(Path dir, Path clientKey, Path sudoers, String sudoPassword) {
        this.dir = dir;
        this.clientKey = clientKey;
        this.sudoers = sudoers;
        this.sudoPassword = sudoPassword;
    }

    public static OpenSshHosts start(int count) {
        DebianPackages.ensure("/usr/sbin/sshd", "openssh-server");
        DebianPackages.ensure("/usr/bin/sudo", "sudo");
        try {
            Path dir = Files.createTempDirectory("runbook-sshd-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createDirectories(Path.of("/run/sshd"));
            String password = SUDO_PASSWORD;
            Users.ensure(USER, null);
            Users.ensure(PASSWORD_USER, password);
            Path key = dir.resolve("id_ed25519");
            exec(null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "runbook-test", "-f", key.toString());
            Path authorized = dir.resolve("authorized_keys");
            Files.copy(dir.resolve("id_ed25519.pub"), authorized);
            Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-r--r--"));
            Path sudoers = Users.sudoers(HexFormat.of().formatHex(randomBytes(4)));
            OpenSshHosts hosts = new OpenSshHosts(dir, key, sudoers, password);
            try {
                for (int i = 0; i < count; i++) {
                    hosts.daemons.add(hosts.newDaemon(i));
                    hosts.startHost(i);
                }
                hosts.writeKnownHosts();
            } catch (RuntimeException | IOException e) {
                hosts.close();
                throw e;
            }
            return hosts;
        } catch (IOException e) {
            throw new IllegalStateException("cannot set up sshd", e);
        }
    }

    public int size() {
        return daemons.size();
    }

    public int port(int i) {
        return daemons.get(i).port;
    }

    public Path clientKey() {
        return clientKey;
    }

    /** A known_hosts file with every daemon's current key as {@code [127.0.0.1]:port}. */
    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    public String sudoPassword() {
        return sudoPassword;
    }

    public Path dir() {
        return dir;
    }

    private Daemon newDaemon(int i) throws IOException {
        Path hostDir = Files.createDirectories(dir.resolve("host" + i));
        exec(null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostDir.resolve("host_key").toString());
        int port = Ports.free();
        Path config = hostDir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostDir.resolve("host_key"),
                "PidFile none",
                "UsePAM no",
                "MaxSessions 10",
                "StrictModes no",
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin no",
                "AllowUsers " + USER + " " + PASSWORD_USER,
                "AllowTcpForwarding yes",
                "Subsystem sftp internal-sftp",
                "LogLevel ERROR",
                ""));
        return new Daemon(port, config, hostDir.resolve("sshd.log"));
    }

    /** Starts daemon {@code i} (again) on its port and waits until it accepts connections. */
    public void startHost(int i) {
        Daemon d = daemons.get(i);
        try {
            d.process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", d.config.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(d.log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start sshd", e);
        }
        Process p = d.process;
        Ports.await("sshd on port " + d.port, Duration.ofSeconds(30), () -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("sshd exited: " + read(d.log));
            }
            return Ports.isOpen(d.port);
        });
    }

    /** Starts daemon {@code i} again unless it is running (for clean-up after a test that stopped it). */
    public void startHostIfStopped(int i) {
        if (daemons.get(i).process == null) {
            startHost(i);
        }
    }

    /** Stops daemon {@code i} and the connections it serves, by pid, as if the host went down. */
    public void stopHost(int i) {
        Daemon d = daemons.get(i);
        if (d.process == null) {
            return;
        }
        List<ProcessHandle> children = d.process.descendants().toList();
        d.process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            d.process.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle h : children) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("sshd on port " + d.port + " did not stop", e);
        }
        d.process = null;
        Ports.await("port " + d.port + " closed", Duration.ofSeconds(10), () -> !Ports.isOpen(d.port));
    }

    /**
     * Freezes daemon {@code i} and every process it forked (its connections, their commands) with
     * SIGSTOP, by pid, as a host that hangs: connections stay open and nothing answers.
     */
    public void freezeHost(int i) {
        signalTree(i, "-STOP");
    }

    /** Lets a frozen daemon {@code i} and its processes go on (SIGCONT). */
    public void thawHost(int i) {
        signalTree(i, "-CONT");
    }

    private void signalTree(int i, String signal) {
        Process p = daemons.get(i).process;
        if (p == null) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("/bin/kill", signal, String.valueOf(p.pid())));
        p.descendants().forEach(h -> argv.add(String.valueOf(h.pid())));
        try {
            // a process that ended since the snapshot makes kill exit 1: the others got the signal
            new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot signal sshd", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Gives daemon {@code i} a new host key (known_hosts keeps the old one) and restarts it. */
    public void rotateHostKey(int i) throws IOException {
        stopHost(i);
        Path hostDir = dir.resolve("host" + i);
        Files.delete(hostDir.resolve("host_key"));
        Files.delete(hostDir.resolve("host_key.pub"));
        exec(null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostDir.resolve("host_key").toString());
        startHost(i);
    }

    private void writeKnownHosts() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < daemons.size(); i++) {
            String[] pub = Files.readString(dir.resolve("host" + i).resolve("host_key.pub")).trim().split("\\s+");
            sb.append("[127.0.0.1]:").append(port(i)).append(' ').append(pub[0]).append(' ').append(pub[1]).append('\n');
        }
        Files.writeString(knownHosts(), sb.toString());
    }

    public String log(int i) {
        return read(daemons.get(i).log);
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Runs a command, feeding {@code stdin} (may be null); fails with its output unless it exits 0. */
    static String exec(String stdin, String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            try (var os = p.getOutputStream()) {
                if (stdin != null) {
                    os.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(argv[0] + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + argv[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < daemons.size(); i++) {
            stopHost(i);
        }
        try {
            Files.deleteIfExists(sudoers);
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove " + sudoers, e);
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // leftovers in /tmp are harmless
        }
    }
}
