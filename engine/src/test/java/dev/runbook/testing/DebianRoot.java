package dev.runbook.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real Debian bookworm system to run against: a debootstrap'd minbase root (openssh-server,
 * sudo) unpacked into a temporary directory, with its own sshd started chrooted into it on a free
 * 127.0.0.1 port, as a child process of the test, stopped by pid. Logins as {@link #USER} (sudo
 * without password) with a key made per run. Everything the runbook changes stays inside the root.
 *
 * <p>debootstrap downloads the base system from the Debian mirror once per machine; the result is
 * kept as a tarball under {@value #CACHE_DIR} (a fresh machine builds it, ~2 min), and each test
 * class unpacks its own copy.
 *
 * <p>"Power": the root holds a FIFO {@code /run/rbtest-power}. Writing {@code reboot} to it (the
 * reboot command the tests configure) makes the test stop this sshd and every session it serves,
 * clear {@code /run} as a boot does (reboot-required markers), write a new boot id to {@code
 * /run/rbtest-boot-id}, and start sshd again; {@code halt} stops it and leaves it down.
 */
public final class DebianRoot implements AutoCloseable {
    public static final String USER = "rbtest";
    static final String CACHE_DIR = "/var/cache/runbook-tests";
    static final String IMAGE = "debian-bookworm-minbase-ssh-sudo-v1.tar.gz";
    static final String MIRROR = "http://deb.debian.org/debian";

    private final Path dir;
    private final Path root;
    private final int port;
    private final AtomicInteger boots = new AtomicInteger(1);
    private final AtomicReference<Throwable> powerFailure = new AtomicReference<>();
    private Process sshd;
    private Thread power;

    private DebianRoot(Path dir, int port) {
        this.dir = dir;
        this.root = dir.resolve("root");
        this.port = port;
    }

    public static DebianRoot start() throws IOException {
        Path image = image();
        Path dir = Files.createTempDirectory(scratch(), "runbook-debian-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        DebianRoot r = new DebianRoot(dir, Ports.free());
        try {
            Files.createDirectories(r.root);
            OpenSshHosts.exec(null, "tar", "-C", r.root.toString(), "-xzf", image.toString());
            r.configure();
            r.startSshd();
            r.startPower();
        } catch (RuntimeException | IOException e) {
            r.close();
            throw e;
        }
        return r;
    }

    /**
     * Where to unpack: memory (/dev/shm) when it is mounted without nodev, nosuid and noexec (the
     * root needs its device nodes, setuid sudo and binaries), which unpacks several times faster
     * than a busy disk; else the temporary directory.
     */
    static Path scratch() throws IOException {
        Path shm = Path.of("/dev/shm");
        boolean usable = Files.isDirectory(shm) && Files.readString(Path.of("/proc/self/mounts")).lines()
                .map(l -> l.split(" ")).filter(f -> f.length > 3 && f[1].equals("/dev/shm")).reduce((a, b) -> b)
                .map(f -> List.of(f[3].split(",")).stream().noneMatch(o -> o.equals("nodev") || o.equals("nosuid") || o.equals("noexec")))
                .orElse(false);
        return usable && shm.toFile().getUsableSpace() > 2L * 1024 * 1024 * 1024 ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** The cached base image, built with debootstrap when this machine has none yet. */
    static synchronized Path image() throws IOException {
        Path image = Path.of(CACHE_DIR, IMAGE);
        if (Files.isRegularFile(image)) {
            return image;
        }
        DebianPackages.ensure("/usr/sbin/debootstrap", "debootstrap");
        Files.createDirectories(image.getParent());
        Path build = Files.createTempDirectory(image.getParent(), "build-");
        try {
            Path base = build.resolve("root");
            OpenSshHosts.exec(null, "debootstrap", "--variant=minbase", "--include=openssh-server,sudo", "bookworm",
                    base.toString(), MIRROR);
            // downloaded packages and the mirror's lists are not part of the system under test
            OpenSshHosts.exec(null, "sh", "-c", "rm -rf " + base + "/var/cache/apt/archives/*.deb " + base + "/var/lib/apt/lists/*_*");
            Path tar = build.resolve(IMAGE);
            OpenSshHosts.exec(null, "tar", "-C", base.toString(), "-czf", tar.toString(), ".");
            Files.move(tar, image, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(build);
        }
        return image;
    }

    private void configure() throws IOException {
        // the target talks to no mirror: its sources are whatever the test adds
        Files.writeString(root.resolve("etc/apt/sources.list"), "");
        chroot("useradd", "-m", "-s", "/bin/bash", USER);
        chroot("usermod", "-p", "*", USER);
        Path sudoers = root.resolve("etc/sudoers.d/" + USER);
        Files.writeString(sudoers, USER + " ALL=(ALL) NOPASSWD:ALL\n");
        Files.setPosixFilePermissions(sudoers, PosixFilePermissions.fromString("r--r-----"));
        Files.writeString(root.resolve("home/" + USER + "/.bashrc"), "");
        OpenSshHosts.exec(null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "runbook-test", "-f", clientKey().toString());
        Path ssh = Files.createDirectories(root.resolve("home/" + USER + "/.ssh"));
        Files.copy(dir.resolve("id_ed25519.pub"), ssh.resolve("authorized_keys"));
        chroot("chown", "-R", USER + ":" + USER, "/home/" + USER + "/.ssh");
        OpenSshHosts.exec(null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", root.resolve("etc/ssh/rbtest_host_key").toString());
        Files.createDirectories(root.resolve("run/sshd"));
        Files.writeString(root.resolve("etc/ssh/rbtest_sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey /etc/ssh/rbtest_host_key",
                "PidFile none",
                "UsePAM no",
                "AllowUsers " + USER,
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "Subsystem sftp internal-sftp",
                "LogLevel ERROR",
                ""));
        String[] pub = Files.readString(root.resolve("etc/ssh/rbtest_host_key.pub")).trim().split("\\s+");
        Files.writeString(knownHosts(), "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1] + "\n");
        Files.writeString(root.resolve("run/rbtest-boot-id"), UUID.randomUUID() + "\n");
        OpenSshHosts.exec(null, "mkfifo", "-m", "0622", root.resolve("run/rbtest-power").toString());
    }

    /** Runs a command inside the root (as root, no network); fails unless it exits 0. */
    public String chroot(String... argv) {
        List<String> all = new ArrayList<>(List.of("chroot", root.toString()));
        all.addAll(List.of(argv));
        return OpenSshHosts.exec(null, all.toArray(String[]::new));
    }

    /** Starts the chrooted sshd (again) and waits until it accepts connections. */
    public synchronized void startSshd() {
        if (sshd != null) {
            return;
        }
        try {
            sshd = new ProcessBuilder("chroot", root.toString(), "/usr/sbin/sshd", "-D", "-e", "-f", "/etc/ssh/rbtest_sshd_config")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the chrooted sshd", e);
        }
        Process p = sshd;
        Ports.await("chrooted sshd on port " + port, Duration.ofSeconds(30), () -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("sshd exited: " + log());
            }
            return Ports.isOpen(port);
        });
    }

    /** Stops sshd and every session it serves, by pid, as when the machine goes down. */
    public synchronized void stopSshd() {
        if (sshd == null) {
            return;
        }
        List<ProcessHandle> children = sshd.descendants().toList();
        sshd.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            sshd.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle h : children) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the chrooted sshd did not stop", e);
        }
        sshd = null;
        Ports.await("port " + port + " closed", Duration.ofSeconds(10), () -> !Ports.isOpen(port));
    }

    private void startPower() {
        power = new Thread(this::powerLoop, "debian-root-power");
        power.setDaemon(true);
        power.start();
    }

    /** Serves the power FIFO: each line written to it is one request. */
    private void powerLoop() {
        Path fifo = root.resolve("run/rbtest-power");
        try {
            while (true) {
                List<String> requests;
                try (BufferedReader in = Files.newBufferedReader(fifo, StandardCharsets.UTF_8)) {
                    requests = in.lines().map(String::strip).toList();
                }
                for (String request : requests) {
                    switch (request) {
                        case "quit" -> {
                            return;
                        }
                        case "halt" -> stopSshd();
                        case "reboot" -> reboot();
                        default -> { }
                    }
                }
            }
        } catch (Throwable t) {
            powerFailure.set(t);
        }
    }

    private void reboot() throws IOException {
        stopSshd();
        // /run is a tmpfs on a real machine: a boot starts it empty
        Files.deleteIfExists(root.resolve("run/reboot-required"));
        Files.deleteIfExists(root.resolve("run/reboot-required.pkgs"));
        Files.writeString(root.resolve("run/rbtest-boot-id"), UUID.randomUUID() + "\n");
        boots.incrementAndGet();
        startSshd();
    }

    /** How many times the system has "booted" (1 at start). Fails when serving the FIFO failed. */
    public int boots() {
        if (powerFailure.get() != null) {
            throw new IllegalStateException("the power supervisor failed", powerFailure.get());
        }
        return boots.get();
    }

    public Path root() {
        return root;
    }

    public int port() {
        return port;
    }

    public Path clientKey() {
        return dir.resolve("id_ed25519");
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    public Path dir() {
        return dir;
    }

    public String log() {
        try {
            Path log = dir.resolve("sshd.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (power != null && power.isAlive()) {
            try {
                Files.writeString(root.resolve("run/rbtest-power"), "quit\n");
                power.join(10_000);
            } catch (IOException e) {
                // the thread is a daemon: it ends with the JVM
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopSshd();
        deleteTree(dir);
    }

    /** Deletes a tree without following symlinks; refuses when anything is mounted below it. */
    static void deleteTree(Path top) {
        try {
            String mounts = Files.readString(Path.of("/proc/self/mounts"));
            if (mounts.lines().anyMatch(l -> l.split(" ")[1].startsWith(top.toString() + "/"))) {
                throw new IllegalStateException("something is mounted under " + top + "; not deleting it");
            }
            if (Files.exists(top)) {
                OpenSshHosts.exec(null, "rm", "-rf", "--one-file-system", top.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + top, e);
        }
    }
}
