package dev.runbook.connection.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.FileAttrs;
import dev.runbook.connection.OutputSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalConnectionTest {
    private final LocalConnection local = new LocalConnection("localhost");

    @Test
    void argvRunsWithoutAShell() throws Exception {
        CommandResult r = local.run(CommandRequest.of(Command.Argv.of("echo", "$HOME;", "*")));
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("$HOME; *\n");
    }

    @Test
    void shellRunsThroughBinSh() throws Exception {
        CommandResult r = local.run(CommandRequest.of(new Command.Shell("echo out; echo err >&2; exit 3")));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }

    @Test
    void stdinEnvAndCwdReachTheCommand(@TempDir Path dir) throws Exception {
        CommandRequest req = CommandRequest.of(new Command.Shell("cat; echo \"$GREETING\"; pwd"))
                .withStdin("piped\n".getBytes(StandardCharsets.UTF_8))
                .withEnv(Map.of("GREETING", "hello"))
                .withCwd(dir.toString());
        CommandResult r = local.run(req);
        assertThat(r.stdout()).isEqualTo("piped\nhello\n" + dir.toRealPath() + "\n");
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        // The grandchild (sleep) would hold stdout open for 30 s if only sh were killed.
        CommandRequest req = CommandRequest.of(new Command.Shell("sleep 30; echo never"))
                .withTimeout(Duration.ofMillis(300));
        CommandResult r = local.run(req);
        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isEqualTo(124);
        assertThat(r.stdout()).doesNotContain("never");
        assertThat(r.duration()).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void outputIsStreamedLineByLine() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        OutputSink sink = (stream, line) -> lines.add(stream + ":" + line);
        local.run(CommandRequest.of(new Command.Shell("echo a; echo b >&2; printf c")).withSink(sink));
        assertThat(lines).containsExactlyInAnyOrder("STDOUT:a", "STDERR:b", "STDOUT:c");
    }

    @Test
    void missingProgramIsExit127NotAnException() throws Exception {
        CommandResult r = local.run(CommandRequest.of(Command.Argv.of("/no/such/program")));
        assertThat(r.exitCode()).isEqualTo(127);
        assertThat(r.stderr()).contains("/no/such/program");
    }

    @Test
    void uploadReplacesAtomicallyWithMode(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("conf file.txt");
        Files.writeString(target, "old");
        local.upload(new ByteArrayInputStream("new".getBytes(StandardCharsets.UTF_8)), target.toString(), FileAttrs.mode(0640));
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        local.download(target.toString(), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("new");
    }
}
