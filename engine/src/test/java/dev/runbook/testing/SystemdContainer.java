package dev.runbook.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian bookworm machine running a real systemd as its init, booted with
 * {@code systemd-nspawn -b --private-network} from a debootstrap'd root (systemd, dbus,
 * openssh-server, sudo): a throwaway host whose hostname, time zone, sysctls, mounts and units
 * tests may change. It has no network of its own (only a loopback the host cannot reach), so it is
 * reached the way inetd reaches sshd: the test listens on a free 127.0.0.1 port and, for each
 * connection, runs {@code sshd -i} inside the container's namespaces ({@code nsenter -a}) with
 * the socket as its stdin and stdout. Logins as root with a key made per run.
 *
 * <p>The base image is built once per machine with debootstrap and kept under {@value
 * DebianRoot#CACHE_DIR}; each container unpacks its own copy. Everything is started by the test
 * and stopped by pid: the container is powered off (SIGTERM to systemd-nspawn), then killed if
 * it is not gone within 30 s.
 */
public final class SystemdContainer implements AutoCloseable {
    static final String IMAGE = "debian-bookworm-systemd-ssh-v1.tar.gz";
    public static final String HOSTNAME = "rbtest-systemd";
    private static final Duration BOOT = Duration.ofSeconds(90);

    private final Path dir;
    private final Path root;
    private final String machine;
    private final List<Process> sessions = new CopyOnWriteArrayList<>();
    private Process nspawn;
    private long leader;
    private ServerSocket listener;
    private Thread acceptor;

    private SystemdContainer(Path dir) {
        this.dir = dir;
        this.root = dir.resolve("root");
        this.machine = "rbtest-" + HexFormat.of().formatHex(OpenSshHosts.randomBytes(4));
    }

    public static SystemdContainer start() throws IOException {
        DebianPackages.ensure("/usr/bin/systemd-nspawn", "systemd-container");
        Path image = image();
        Path dir = Files.createTempDirectory(DebianRoot.scratch(), "runbook-systemd-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        SystemdContainer c = new SystemdContainer(dir);
        try {
            Files.createDirectories(c.root);
            OpenSshHosts.exec(null, "tar", "-C", c.root.toString(), "-xzf", image.toString());
            c.configure();
            c.boot();
            c.listen();
        } catch (RuntimeException | IOException e) {
            c.close();
            throw e;
        }
        return c;
    }

    static synchronized Path image() throws IOException {
        Path image = Path.of(DebianRoot.CACHE_DIR, IMAGE);
        if (Files.isRegularFile(image)) {
            return image;
        }
        DebianPackages.ensure("/usr/sbin/debootstrap", "debootstrap");
        Files.createDirectories(image.getParent());
        Path build = Files.createTempDirectory(image.getParent(), "build-");
        try {
            Path base = build.resolve("root");
            OpenSshHosts.exec(null, "debootstrap", "--variant=minbase", "--include=systemd,systemd-sysv,dbus,openssh-server,sudo,procps",
                    "bookworm", base.toString(), DebianRoot.MIRROR);
            OpenSshHosts.exec(null, "sh", "-c", "rm -rf " + base + "/var/cache/apt/archives/*.deb " + base + "/var/lib/apt/lists/*_*");
            Path tar = build.resolve(IMAGE);
            OpenSshHosts.exec(null, "tar", "-C", base.toString(), "-czf", tar.toString(), ".");
            Files.move(tar, image, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            DebianRoot.deleteTree(build);
        }
        return image;
    }

    private void configure() throws IOException {
        Files.writeString(root.resolve("etc/apt/sources.list"), "");
        Files.writeString(root.resolve("etc/hostname"), HOSTNAME + "\n");
        Files.writeString(root.resolve("etc/machine-id"), "");
        // no console in the container: nothing to log in on
        OpenSshHosts.exec(null, "ln", "-sf", "/dev/null", root.resolve("etc/systemd/system/console-getty.service").toString());
        OpenSshHosts.exec(null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "runbook-test", "-f", clientKey().toString());
        Path ssh = Files.createDirectories(root.resolve("root/.ssh"));
        Files.copy(dir.resolve("id_ed25519.pub"), ssh.resolve("authorized_keys"), StandardCopyOption.REPLACE_EXISTING);
        Path hostKey = root.resolve("etc/ssh/rbtest_host_key");
        OpenSshHosts.exec(null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString());
        Files.writeString(root.resolve("etc/ssh/rbtest_sshd_config"), String.join("\n",
                "HostKey /etc/ssh/rbtest_host_key",
                "UsePAM no",
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "Subsystem sftp internal-sftp",
                "LogLevel ERROR",
                ""));
    }

    private void boot() throws IOException {
        nspawn = new ProcessBuilder("systemd-nspawn", "--quiet", "--boot", "--private-network", "--register=no", "--keep-unit",
                "--console=passive", "--machine=" + machine, "--directory=" + root)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("nspawn.log").toFile()))
                .start();
        String[] last = {"not started"};
        try {
            Ports.await("systemd in the container", BOOT, () -> {
                if (!nspawn.isAlive()) {
                    throw new IllegalStateException("systemd-nspawn exited " + nspawn.exitValue() + ": " + log());
                }
                // systemd-nspawn's first child may be a helper that exits: the leader is the child running systemd
                leader = nspawn.children().filter(SystemdContainer::runsSystemd).findFirst().map(ProcessHandle::pid).orElse(0L);
                if (leader == 0) {
                    return false;
                }
                last[0] = tryExec("systemctl", "is-system-running").strip();
                return last[0].equals("running") || last[0].equals("degraded");
            });
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; last state: " + last[0] + "; console:\n" + log(), e);
        }
        exec("mkdir", "-p", "/run/sshd");
    }

    private static boolean runsSystemd(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc/" + p.pid() + "/comm")).strip().equals("systemd");
        } catch (IOException e) {
            return false;
        }
    }

    /** A connection to the test's port is handed to a new {@code sshd -i} inside the container. */
    private void listen() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    serve(listener.accept());
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "systemd-container-ssh");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serve(Socket socket) throws IOException {
        Process sshd = new ProcessBuilder("nsenter", "--target", String.valueOf(leader), "--all",
                "/usr/sbin/sshd", "-i", "-f", "/etc/ssh/rbtest_sshd_config")
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile())).start();
        sessions.add(sshd);
        pump(socket.getInputStream(), sshd.getOutputStream(), socket);
        pump(sshd.getInputStream(), socket.getOutputStream(), socket);
        sshd.onExit().thenRun(() -> {
            sessions.remove(sshd);
            closeQuietly(socket);
        });
    }

    private static void pump(InputStream in, OutputStream out, Socket socket) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[32 * 1024];
            try (in; out) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side went away
            } finally {
                closeQuietly(socket);
            }
        }, "systemd-container-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    public Path clientKey() {
        return dir.resolve("id_ed25519");
    }

    /** A known_hosts file naming this container's host key on 127.0.0.1:port. */
    public Path knownHosts() throws IOException {
        Path known = dir.resolve("known_hosts");
        String[] pub = Files.readString(root.resolve("etc/ssh/rbtest_host_key.pub")).trim().split("\\s+");
        Files.writeString(known, "[127.0.0.1]:" + port() + " " + pub[0] + " " + pub[1] + "\n");
        return known;
    }

    /** The container's root directory, as seen from the machine running the test. */
    public Path root() {
        return root;
    }

    /** Runs a command inside the container (all its namespaces); fails unless it exits 0. */
    public String exec(String... argv) {
        List<String> all = new ArrayList<>(List.of("nsenter", "--target", String.valueOf(leader), "--all"));
        all.addAll(List.of(argv));
        return OpenSshHosts.exec(null, all.toArray(String[]::new));
    }

    /** Runs a command inside the container; its output, whatever its exit code. */
    public String tryExec(String... argv) {
        List<String> all = new ArrayList<>(List.of("nsenter", "--target", String.valueOf(leader), "--all"));
        all.addAll(List.of(argv));
        try {
            Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String log() {
        try {
            Path log = dir.resolve("nspawn.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        for (Process p : sessions) {
            List<ProcessHandle> children = p.descendants().toList();
            p.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
        if (nspawn != null && nspawn.isAlive()) {
            List<ProcessHandle> inside = nspawn.descendants().toList();
            nspawn.destroy(); // SIGTERM: systemd-nspawn powers the container off
            try {
                if (!nspawn.waitFor(30, TimeUnit.SECONDS)) {
                    nspawn.destroyForcibly();
                    inside.forEach(ProcessHandle::destroyForcibly);
                    nspawn.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            DebianRoot.deleteTree(dir);
        } catch (RuntimeException e) {
            // a leftover in the scratch directory is harmless
        }
    }
}
