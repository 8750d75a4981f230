package dev.runbook.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.BecomeConnection;
import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ConnectionException.Cause;
import dev.runbook.connection.FileAttrs;
import dev.runbook.testing.OpenSshHosts;
import dev.runbook.testing.Ports;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SSH transport and become against real OpenSSH daemons and sudo on this machine. */
@Timeout(120)
class OpenSshEndToEndTest {
    static OpenSshHosts hosts;
    static SshConnector connector;

    @BeforeAll
    static void start() {
        hosts = OpenSshHosts.start(5);
        connector = new SshConnector(hosts.knownHosts(), HostKeyPolicy.STRICT, hosts.dir().resolve("no-config"));
    }

    @AfterAll
    static void stop() {
        connector.close();
        hosts.close();
    }

    static SshTarget target(OpenSshHosts h, int i, String user) {
        return new SshTarget("host" + i, "127.0.0.1", h.port(i), user, List.of(h.clientKey()), null, null, null,
                Duration.ofSeconds(10));
    }

    private static String out(Connection c, String script) throws Exception {
        CommandResult r = c.run(CommandRequest.of(new Command.Shell(script)));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout();
    }

    @Test
    void fiveHostsRunCommandsInParallel() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(hosts.size());
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    try (Connection c = connector.open(target(hosts, n, OpenSshHosts.USER), false)) {
                        return out(c, "id -un; echo \"$SSH_CONNECTION\" | cut -d' ' -f4");
                    }
                }));
            }
            for (int i = 0; i < hosts.size(); i++) {
                assertThat(answers.get(i).get()).isEqualTo(OpenSshHosts.USER + "\n" + hosts.port(i) + "\n");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyParallelCommandsOverOneConnectionStayWithinMaxSessions() throws Exception {
        try (Connection c = connector.open(target(hosts, 0, OpenSshHosts.USER), false)) {
            ExecutorService pool = Executors.newFixedThreadPool(24);
            try {
                List<Future<CommandResult>> results = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    String script = i % 3 == 0 ? "sleep 0.2; echo ok" : "echo ok";
                    results.add(pool.submit(() -> c.run(CommandRequest.of(new Command.Shell(script)))));
                }
                for (Future<CommandResult> f : results) {
                    assertThat(f.get().stdout()).isEqualTo("ok\n");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aCommandKilledByASignalExitsWith128PlusTheSignal() throws Exception {
        try (Connection c = connector.open(target(hosts, 3, OpenSshHosts.USER), false)) {
            CommandResult r = c.run(CommandRequest.of(new Command.Shell("kill -KILL $$")));
            assertThat(r.exitCode()).isEqualTo(137);
            assertThat(r.timedOut()).isFalse();
        }
    }

    @Test
    void namesWithShellCharactersSurviveQuoting() throws Exception {
        Path dir = Files.createTempDirectory("runbook quoting $x; *");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> names = List.of("with space", "it's \"quoted\"", "$HOME", "a;b", "*", "line\nbreak",
                "ünïcödé ✓", "-dash", "back\\slash");
        try (Connection c = connector.open(target(hosts, 0, OpenSshHosts.USER), false)) {
            for (String name : names) {
                CommandResult r = c.run(CommandRequest.of(Command.Argv.of("touch", "--", name)).withCwd(dir.toString()));
                assertThat(r.exitCode()).as(name + ": " + r.stderr()).isZero();
            }
            String listed = out(c, "cd " + dev.runbook.connection.ShellQuote.quote(dir.toString())
                    + " && find . -mindepth 1 -printf '%P\\0'");
            assertThat(listed.split("\0")).containsExactlyInAnyOrderElementsOf(names);
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(names);
            }
            String value = "it's $HOME; `x` *\nnext ü";
            CommandResult env = c.run(CommandRequest.of(Command.Argv.of("printenv", "ODD"))
                    .withEnv(Map.of("ODD", value)));
            assertThat(env.stdout()).isEqualTo(value + "\n");
            String file = dir.resolve("up $x 'q'\nü").toString();
            c.upload(new ByteArrayInputStream("payload".getBytes()), file, FileAttrs.mode(0604));
            assertThat(Files.readString(Path.of(file))).isEqualTo("payload");
        }
    }

    @Test
    void acceptNewRecordsEachHostOnceWhenConnectingInParallel() throws Exception {
        Path fresh = Files.createTempDirectory("runbook-kh").resolve("ssh").resolve("known_hosts");
        ExecutorService pool = Executors.newFixedThreadPool(hosts.size());
        try (SshConnector acceptNew = new SshConnector(fresh, HostKeyPolicy.ACCEPT_NEW, null)) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    try (Connection c = acceptNew.open(target(hosts, n, OpenSshHosts.USER), false)) {
                        return out(c, "echo ok");
                    }
                }));
            }
            for (Future<String> f : answers) {
                assertThat(f.get()).isEqualTo("ok\n");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Files.readAllLines(fresh)).hasSize(hosts.size())
                .containsExactlyInAnyOrderElementsOf(Files.readAllLines(hosts.knownHosts()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void hashedKnownHostsEntriesAreRecognised() throws Exception {
        Path hashed = Files.createTempDirectory("runbook-kh").resolve("known_hosts");
        Files.copy(hosts.knownHosts(), hashed);
        Process p = new ProcessBuilder("ssh-keygen", "-H", "-f", hashed.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        assertThat(Files.readString(hashed)).startsWith("|1|").doesNotContain("127.0.0.1");
        try (SshConnector strict = new SshConnector(hashed, HostKeyPolicy.STRICT, null);
             Connection c = strict.open(target(hosts, 1, OpenSshHosts.USER), false)) {
            assertThat(out(c, "echo hashed")).isEqualTo("hashed\n");
        }
    }

    @Test
    void readOnlyBecomeRunsReadOnlyCommandsAndRefusesTheRest() throws Exception {
        Path dir = Files.createTempDirectory("runbook-ro");
        try (Connection c = new BecomeConnection(connector.open(target(hosts, 1, OpenSshHosts.PASSWORD_USER), true),
                null, hosts.sudoPassword())) {
            CommandResult r = c.run(CommandRequest.readOnly(Command.Argv.of("id", "-un")));
            assertThat(r.stdout()).as(r.stderr()).isEqualTo("root\n");
            assertThatThrownBy(() -> c.run(CommandRequest.of(Command.Argv.of("touch", dir.resolve("x").toString()))))
                    .isInstanceOf(dev.runbook.connection.ReadOnlyViolation.class);
            assertThatThrownBy(() -> c.upload(new ByteArrayInputStream(new byte[1]), dir.resolve("y").toString(),
                    FileAttrs.DEFAULT)).isInstanceOf(dev.runbook.connection.ReadOnlyViolation.class);
            try (var files = Files.list(dir)) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void becomeWithoutPasswordRunsAsRoot() throws Exception {
        try (Connection c = new BecomeConnection(connector.open(target(hosts, 1, OpenSshHosts.USER), false), null, null)) {
            assertThat(out(c, "id -un")).isEqualTo("root\n");
            CommandResult r = c.run(CommandRequest.of(new Command.Shell("cat; echo \"$V\"; pwd; echo err >&2"))
                    .withStdin("in\n".getBytes()).withEnv(Map.of("V", "v 1")).withCwd("/root"));
            assertThat(r.stdout()).isEqualTo("in\nv 1\n/root\n");
            assertThat(r.stderr()).isEqualTo("err\n");
        }
    }

    @Test
    void becomeWithPasswordKeepsThePasswordOutOfTheCommand() throws Exception {
        try (Connection c = new BecomeConnection(connector.open(target(hosts, 2, OpenSshHosts.PASSWORD_USER), false),
                null, hosts.sudoPassword())) {
            CommandResult r = c.run(CommandRequest.of(new Command.Shell("id -un; cat; echo err >&2"))
                    .withStdin("data\n".getBytes()));
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).isEqualTo("root\ndata\n");
            assertThat(r.stderr()).isEqualTo("err\n");
            assertThat(out(c, "id -un")).isEqualTo("root\n");
            String everyCommandLine = out(c, "ps -eo args");
            assertThat(everyCommandLine).contains("ps -eo args").doesNotContain(hosts.sudoPassword());
        }
    }

    @Test
    void aTimeoutUnderBecomeStopsTheCommandsChildrenToo() throws Exception {
        Path marker = Files.createTempDirectory("runbook-timeout").resolve("finished");
        try (Connection c = new BecomeConnection(connector.open(target(hosts, 2, OpenSshHosts.PASSWORD_USER), false),
                null, hosts.sudoPassword())) {
            String tag = "sleep 29." + (100000 + System.nanoTime() % 900000);
            CommandResult r = c.run(CommandRequest.of(new Command.Shell(
                    tag + " & wait; touch " + marker)).withTimeout(Duration.ofSeconds(1)));
            assertThat(r.timedOut()).as(r.toString()).isTrue();
            assertThat(r.exitCode()).isEqualTo(124);
            Ports.await("the command's child to be gone", Duration.ofSeconds(10),
                    () -> ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(tag)));
            assertThat(marker).doesNotExist();
        }
    }

    @Test
    void becomeThatNeedsAPasswordSaysSo() throws Exception {
        try (Connection c = new BecomeConnection(connector.open(target(hosts, 2, OpenSshHosts.PASSWORD_USER), false),
                null, null)) {
            CommandResult r = c.run(CommandRequest.of(Command.Argv.of("id", "-un")));
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).contains("needs a password", "become_password");
        }
    }

    @Test
    void aWrongBecomePasswordIsAClearFailureNotAHang() throws Exception {
        try (Connection c = new BecomeConnection(connector.open(target(hosts, 3, OpenSshHosts.PASSWORD_USER), false),
                null, "wrong-password")) {
            CommandResult r = c.run(CommandRequest.of(Command.Argv.of("id", "-un")).withStdin("line\n".getBytes()));
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr()).isEqualTo("become: incorrect sudo password for root on host3");
        }
    }

    @Test
    void uploadWithBecomeLandsOwnedByRootWithTheMode() throws Exception {
        Path dir = Files.createTempDirectory("runbook-root-only");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path target = dir.resolve("app.conf");
        try (Connection c = new BecomeConnection(connector.open(target(hosts, 4, OpenSshHosts.USER), false), null, null)) {
            c.upload(new ByteArrayInputStream("secret=1\n".getBytes()), target.toString(), FileAttrs.mode(0640));
            assertThat(Files.readString(target)).isEqualTo("secret=1\n");
            assertThat(Files.getOwner(target).getName()).isEqualTo("root");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            c.download(target.toString(), back);
            assertThat(back.toString(StandardCharsets.UTF_8)).isEqualTo("secret=1\n");
            try (var files = Files.list(dir)) {
                assertThat(files).hasSize(1);
            }
            assertThat(out(c, "ls -a /tmp | grep -c runbook-upload || true")).isEqualTo("0\n");
        }
    }

    @Test
    void uploadBecomingAnotherUserGoesThroughStdin() throws Exception {
        Path dir = Files.createDirectories(Path.of("/home", OpenSshHosts.USER, "uploads"));
        OpenSshHostsAccess.chown(dir, OpenSshHosts.USER);
        Path target = dir.resolve("owned by rbtest");
        try (Connection c = new BecomeConnection(connector.open(target(hosts, 4, OpenSshHosts.PASSWORD_USER), false),
                OpenSshHosts.USER, hosts.sudoPassword())) {
            c.upload(new ByteArrayInputStream(new byte[] {0, 1, 2, (byte) 255}), target.toString(), FileAttrs.DEFAULT);
            assertThat(Files.readAllBytes(target)).containsExactly(0, 1, 2, 255);
            assertThat(Files.getOwner(target).getName()).isEqualTo(OpenSshHosts.USER);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
        }
    }

    @Test
    void aStoppedHostIsRefusedAfterOneReconnectAndComesBack() throws Exception {
        try (OpenSshHosts one = OpenSshHosts.start(1);
             SshConnector c = new SshConnector(one.knownHosts(), HostKeyPolicy.STRICT, null);
             Connection conn = c.open(target(one, 0, OpenSshHosts.USER), false)) {
            assertThat(out(conn, "echo up")).isEqualTo("up\n");
            one.stopHost(0);
            assertThatThrownBy(() -> conn.run(CommandRequest.of(Command.Argv.of("true"))))
                    .isInstanceOfSatisfying(ConnectionException.class, e -> {
                        assertThat(e.kind()).isIn(Cause.REFUSED, Cause.DROPPED);
                        assertThat(e.mayHaveStarted()).isFalse();
                        assertThat(e.getMessage()).contains("host0");
                    });
            assertThatThrownBy(() -> c.open(target(one, 0, OpenSshHosts.USER), false))
                    .isInstanceOfSatisfying(ConnectionException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Cause.REFUSED);
                        assertThat(e.getMessage()).contains("host0", "127.0.0.1:" + one.port(0), "refused");
                    });
            one.startHost(0);
            assertThat(out(conn, "echo back")).isEqualTo("back\n");
        }
    }

    @Test
    void aHostGoingDownDuringACommandIsDroppedAndNotReRun() throws Exception {
        try (OpenSshHosts one = OpenSshHosts.start(1);
             SshConnector c = new SshConnector(one.knownHosts(), HostKeyPolicy.STRICT, null);
             Connection conn = c.open(target(one, 0, OpenSshHosts.USER), false)) {
            Path marker = Files.createTempFile("runbook-started", "");
            Files.delete(marker);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<CommandResult> running = pool.submit(() -> conn.run(CommandRequest.of(
                    new Command.Shell("echo started > " + marker + "; sleep 30"))));
            Ports.await("command started", Duration.ofSeconds(10), () -> Files.exists(marker));
            one.stopHost(0);
            assertThatThrownBy(running::get).cause().isInstanceOfSatisfying(ConnectionException.class, e -> {
                assertThat(e.kind()).isEqualTo(Cause.DROPPED);
                assertThat(e.mayHaveStarted()).isTrue();
            });
            pool.shutdownNow();
            Files.deleteIfExists(marker);
        }
    }

    @Test
    void aChangedHostKeyIsRefusedWithBothFingerprints() throws Exception {
        try (OpenSshHosts one = OpenSshHosts.start(1)) {
            String before = OpenSshHostsAccess.fingerprint(one.dir().resolve("host0/host_key.pub"));
            one.rotateHostKey(0);
            String after = OpenSshHostsAccess.fingerprint(one.dir().resolve("host0/host_key.pub"));
            try (SshConnector c = new SshConnector(one.knownHosts(), HostKeyPolicy.ACCEPT_NEW, null)) {
                assertThatThrownBy(() -> c.open(target(one, 0, OpenSshHosts.USER), false))
                        .isInstanceOfSatisfying(ConnectionException.class, e -> {
                            assertThat(e.kind()).isEqualTo(Cause.HOST_KEY_CHANGED);
                            assertThat(e.getMessage()).contains("host0", "ssh-ed25519", before, after);
                        });
            }
        }
    }

    @Test
    void proxyJumpTunnelsThroughAnotherDaemon() throws Exception {
        try (OpenSshHosts two = OpenSshHosts.start(2);
             SshConnector c = new SshConnector(two.knownHosts(), HostKeyPolicy.STRICT, null)) {
            SshTarget behind = target(two, 1, OpenSshHosts.USER)
                    .withProxyJump(OpenSshHosts.USER + "@127.0.0.1:" + two.port(0));
            try (Connection conn = c.open(behind, false)) {
                assertThat(out(conn, "echo \"$SSH_CONNECTION\" | cut -d' ' -f4")).isEqualTo(two.port(1) + "\n");
                two.stopHost(0); // the tunnel goes down with the jump host
                assertThatThrownBy(() -> conn.run(CommandRequest.of(Command.Argv.of("true"))))
                        .isInstanceOf(ConnectionException.class);
            }
        }
    }
}
