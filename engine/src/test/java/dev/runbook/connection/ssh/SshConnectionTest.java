package dev.runbook.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.FileAttrs;
import dev.runbook.connection.OutputSink;
import dev.runbook.connection.ReadOnlyViolation;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH transport against an in-process MINA sshd running commands through a real /bin/sh. */
class SshConnectionTest {
    @TempDir
    static Path dir;
    static Path key;
    static MinaServer server;
    static SshConnector connector;
    static Connection ssh;

    @BeforeAll
    static void start() throws Exception {
        key = MinaServer.clientKey(dir);
        server = MinaServer.start(0, dir.resolve("hostkey"), dir.resolve("authorized_keys"), 10);
        connector = new SshConnector(dir.resolve("known_hosts"), HostKeyPolicy.ACCEPT_NEW, dir.resolve("no-config"));
        ssh = connector.open(target(server.port(), key), false);
    }

    @AfterAll
    static void stop() throws Exception {
        ssh.close();
        connector.close();
        server.close();
    }

    static SshTarget target(int port, Path identity) {
        return new SshTarget("web1", "127.0.0.1", port, "tester", List.of(identity), null, null, null,
                Duration.ofSeconds(5));
    }

    @Test
    void argvIsQuotedAndExitCodesComeBack() throws Exception {
        CommandResult r = ssh.run(CommandRequest.of(Command.Argv.of("printf", "%s|", "$HOME;", "*", "it's", "a b")));
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("$HOME;|*|it's|a b|");
        CommandResult failed = ssh.run(CommandRequest.of(new Command.Shell("echo out; echo err >&2; exit 3")));
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.stdout()).isEqualTo("out\n");
        assertThat(failed.stderr()).isEqualTo("err\n");
    }

    @Test
    void stdinEnvAndCwdReachTheCommand(@TempDir Path cwd) throws Exception {
        CommandRequest req = CommandRequest.of(new Command.Shell("cat; echo \"$GREETING\"; pwd"))
                .withStdin("piped\n".getBytes(StandardCharsets.UTF_8))
                .withEnv(Map.of("GREETING", "hello 'world' $x"))
                .withCwd(cwd.toString());
        CommandResult r = ssh.run(req);
        assertThat(r.stdout()).isEqualTo("piped\nhello 'world' $x\n" + cwd.toRealPath() + "\n");
    }

    @Test
    void timeoutGives124AndStopsTheRemoteCommand(@TempDir Path tmp) throws Exception {
        Path marker = tmp.resolve("still-running");
        String sleep = "sleep 29." + (100000 + System.nanoTime() % 900000); // unique among this machine's processes
        CommandRequest req = CommandRequest.of(new Command.Shell(sleep + "; touch " + marker))
                .withTimeout(Duration.ofMillis(500));
        CommandResult r = ssh.run(req);
        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isEqualTo(124);
        dev.runbook.testing.Ports.await("the remote sleep to be stopped", Duration.ofSeconds(10),
                () -> ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").equals(sleep)));
        assertThat(marker).doesNotExist();
    }

    @Test
    void outputIsStreamedLineByLine() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        OutputSink sink = (stream, line) -> lines.add(stream + ":" + line);
        ssh.run(CommandRequest.of(new Command.Shell("echo a; echo b >&2; printf 'é c'")).withSink(sink));
        assertThat(lines).containsExactlyInAnyOrder("STDOUT:a", "STDERR:b", "STDOUT:é c");
    }

    @Test
    void missingProgramIsExit127() throws Exception {
        CommandResult r = ssh.run(CommandRequest.of(Command.Argv.of("/no/such/program")));
        assertThat(r.exitCode()).isEqualTo(127);
    }

    @Test
    void uploadReplacesAtomicallyWithModeAndDownloadReadsBack(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("conf file.txt");
        Files.writeString(target, "old");
        byte[] data = "new content\n\u00e9".getBytes(StandardCharsets.UTF_8);
        ssh.upload(new ByteArrayInputStream(data), target.toString(), FileAttrs.mode(0640));
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("conf file.txt");
        }
        ssh.upload(new ByteArrayInputStream("again".getBytes()), target.toString(), FileAttrs.DEFAULT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ssh.download(target.toString(), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("again");
    }

    @Test
    void uploadWithOwnerGoesThroughChown(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("owned");
        ssh.upload(new ByteArrayInputStream("x".getBytes()), target.toString(), new FileAttrs(0600, "root", "root"));
        assertThat(Files.getOwner(target).getName()).isEqualTo("root");
        assertThatThrownBy(() -> ssh.upload(new ByteArrayInputStream("x".getBytes()), target.toString(),
                new FileAttrs(0600, "no-such-user-x", null)))
                .hasMessageContaining("no-such-user-x").hasMessageContaining(target.toString());
        assertThat(Files.readString(target)).isEqualTo("x");
    }

    @Test
    void downloadOfMissingFileSaysWhich() {
        assertThatThrownBy(() -> ssh.download("/no/such/file", new ByteArrayOutputStream()))
                .hasMessageContaining("/no/such/file").hasMessageContaining("web1");
    }

    @Test
    void readOnlyConnectionRefusesChanges(@TempDir Path tmp) throws Exception {
        try (Connection ro = connector.open(target(server.port(), key), true)) {
            assertThat(ro.run(CommandRequest.readOnly(Command.Argv.of("true"))).exitCode()).isZero();
            assertThatThrownBy(() -> ro.run(CommandRequest.of(Command.Argv.of("touch", tmp.resolve("x").toString()))))
                    .isInstanceOf(ReadOnlyViolation.class);
            assertThatThrownBy(() -> ro.upload(new ByteArrayInputStream(new byte[1]), tmp.resolve("y").toString(),
                    FileAttrs.DEFAULT)).isInstanceOf(ReadOnlyViolation.class);
            assertThat(tmp.resolve("x")).doesNotExist();
            assertThat(tmp.resolve("y")).doesNotExist();
        }
    }

    @Test
    void parallelCommandsBeyondTheServerChannelLimitQueue() throws Exception {
        assertThat(runParallel(ssh, 20, "0.5")).allMatch(r -> r.equals("ok"));
    }

    @Test
    void withoutTheCapTheServerRefusesExtraChannels() throws Exception {
        try (SshConnector uncapped = new SshConnector(dir.resolve("known_hosts"), HostKeyPolicy.STRICT,
                dir.resolve("no-config"), 40);
             Connection c = uncapped.open(target(server.port(), key), false)) {
            // commands outlast the connection's retry of refused channel opens
            assertThat(runParallel(c, 20, "3")).anyMatch(r -> !r.equals("ok"));
        }
    }

    private static List<String> runParallel(Connection c, int n, String seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    try {
                        CommandResult r = c.run(CommandRequest.of(new Command.Shell("sleep " + seconds + "; echo ok")));
                        return r.stdout().strip();
                    } catch (ConnectionException e) {
                        return "failed: " + e.getMessage();
                    }
                }));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void connectionDroppedBetweenCommandsIsReopenedOnce() throws Exception {
        try (Connection c = connector.open(target(server.port(), key), false)) {
            server.dropSessions();
            CommandResult r = c.run(CommandRequest.of(Command.Argv.of("echo", "back")));
            assertThat(r.stdout()).isEqualTo("back\n");
        }
    }

    @Test
    void dropDuringACommandIsReportedAndNotReRun(@TempDir Path tmp) throws Exception {
        Path counter = tmp.resolve("runs");
        try (Connection c = connector.open(target(server.port(), key), false)) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<CommandResult> running = pool.submit(() -> c.run(CommandRequest.of(
                    new Command.Shell("echo run >> " + counter + "; sleep 10"))));
            dev.runbook.testing.Ports.await("command started", Duration.ofSeconds(10), () -> Files.exists(counter));
            server.dropSessions();
            assertThatThrownBy(running::get).cause().isInstanceOfSatisfying(ConnectionException.class, e -> {
                assertThat(e.kind()).isEqualTo(ConnectionException.Cause.DROPPED);
                assertThat(e.mayHaveStarted()).isTrue();
                assertThat(e.getMessage()).contains("web1");
            });
            pool.shutdownNow();
            assertThat(Files.readAllLines(counter)).hasSize(1);
        }
    }
}
