package dev.runbook.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.connection.local.LocalConnection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Become over the local transport (the tests run as root, so sudo needs no password). */
class BecomeConnectionTest {
    private final Connection nobody = new BecomeConnection(new LocalConnection("localhost"), "nobody", null);

    @Test
    void commandsRunAsTheBecomeUserWithEnvCwdAndStdin(@TempDir Path dir) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        CommandResult r = nobody.run(CommandRequest.of(new Command.Shell("id -un; cat; echo \"$X\"; pwd; echo e >&2"))
                .withStdin("in\n".getBytes()).withEnv(Map.of("X", "a 'b' $c")).withCwd("/")
                .withSink((stream, line) -> lines.add(stream + ":" + line)));
        assertThat(r.stdout()).isEqualTo("nobody\nin\na 'b' $c\n/\n");
        assertThat(r.stderr()).isEqualTo("e\n");
        assertThat(lines).contains("STDOUT:nobody", "STDERR:e");
    }

    @Test
    void defaultBecomeUserIsRootAndTimeoutsGive124() throws Exception {
        Connection root = new BecomeConnection(new LocalConnection("localhost"), null, null);
        assertThat(root.run(CommandRequest.of(Command.Argv.of("id", "-un"))).stdout()).isEqualTo("root\n");
        CommandResult slow = root.run(CommandRequest.of(new Command.Shell("sleep 20"))
                .withTimeout(Duration.ofMillis(500)));
        assertThat(slow.timedOut()).isTrue();
        assertThat(slow.exitCode()).isEqualTo(124);
    }

    @Test
    void uploadAndDownloadAsAnotherUser(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path target = dir.resolve("it's a file");
        byte[] data = {0, 10, (byte) 200, 39};
        nobody.upload(new ByteArrayInputStream(data), target.toString(), FileAttrs.mode(0600));
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        assertThat(Files.getOwner(target).getName()).isEqualTo("nobody");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        nobody.download(target.toString(), back);
        assertThat(back.toByteArray()).isEqualTo(data);
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void aFailedUploadNamesTheFileAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("denied");
        try {
            nobody.upload(new ByteArrayInputStream(new byte[] {1}), target.toString(), FileAttrs.DEFAULT);
            throw new AssertionError("nobody wrote into a root-only directory");
        } catch (java.io.IOException e) {
            assertThat(e.getMessage()).contains(target.toString(), "nobody");
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
