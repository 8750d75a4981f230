package dev.runbook.modules.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.modules.Args;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.TestModuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * reboot on the local connection with a stand-in shutdown that records its arguments and gives
 * the "host" a new boot id; the real reconnect over SSH is in SystemUpdateDebianTest.
 */
class RebootTest {
    final Reboot module = new Reboot();
    final RecordingConnection connection = new RecordingConnection();
    /** The stand-in host is reached locally, but stands for a remote one (reboot refuses a real local host). */
    final TestModuleContext ctx = new TestModuleContext(connection).var("ansible_connection", "ssh");
    @TempDir
    Path dir;
    Path bootId;

    @BeforeEach
    void fakeShutdown() throws Exception {
        bootId = dir.resolve("boot_id");
        Files.writeString(bootId, "first-boot\n");
        Path shutdown = dir.resolve("shutdown");
        Files.writeString(shutdown, "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + dir.resolve("args") + "\necho second-boot > " + bootId + "\n");
        Files.setPosixFilePermissions(shutdown, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    Args args(Map<String, Object> raw) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("boot_time_command", "cat " + bootId, "search_paths",
                List.of(dir.resolve("nowhere").toString(), dir.toString())));
        m.putAll(raw);
        return TestModuleContext.args(module, m);
    }

    @Test
    void theDefaultCommandIsShutdownFromTheSearchPathsWithTheDelayInMinutes() throws Exception {
        ModuleResult r = module.apply(ctx, args(Map.of("pre_reboot_delay", 150, "msg", "Kernel update")));
        assertThat(Files.readAllLines(dir.resolve("args"))).containsExactly("-r", "+2", "Kernel update");
        assertThat(r.changed()).isTrue();
        assertThat(r.data()).containsEntry("rebooted", true).containsKey("elapsed");
        assertThat(r.msg()).contains("first-boot → second-boot");
    }

    @Test
    void theMachineRunningRunbookIsNeverRebooted() {
        assertThatThrownBy(() -> module.apply(new TestModuleContext(connection), args(Map.of())))
                .isInstanceOf(ModuleException.class).hasMessageStartingWith("reboot over the local connection would reboot the machine");
        assertThatThrownBy(() -> module.apply(new TestModuleContext(connection).var("ansible_connection", "local"), args(Map.of())))
                .isInstanceOf(ModuleException.class);
        assertThat(connection.sent).isEmpty();
        assertThat(dir.resolve("args")).doesNotExist();
    }

    @Test
    void planSaysItWouldRebootAndRunsNothing() throws Exception {
        var c = module.check(new TestModuleContext(connection).checkMode(true), args(Map.of("reboot_timeout", "15m")));
        assertThat(c.kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(c.summary()).isEqualTo("would reboot and wait up to 900s for the host to come back");
        assertThat(connection.sent).isEmpty();
    }

    @Test
    void failuresSayWhatWasLastSeen() throws Exception {
        assertThatThrownBy(() -> module.apply(ctx, args(Map.of("reboot_command", "exit 3"))))
                .isInstanceOf(ModuleException.class).hasMessageContaining("the reboot command 'exit 3' failed (exit 3)");
        assertThatThrownBy(() -> module.apply(ctx, args(Map.of("reboot_command", "true", "reboot_timeout", 1))))
                .isInstanceOf(ModuleException.class)
                .hasMessage("the host did not come back within reboot_timeout (1s); last: the boot id has not changed yet");
        assertThatThrownBy(() -> module.apply(ctx, args(Map.of("test_command", "echo not yet >&2; false", "reboot_timeout", 1))))
                .isInstanceOf(ModuleException.class)
                .hasMessage("the host came back but test_command 'echo not yet >&2; false' did not succeed within "
                        + "reboot_timeout (1s); last: exit 1: not yet");
        assertThatThrownBy(() -> module.apply(ctx, args(Map.of("search_paths", List.of(dir.resolve("nowhere").toString())))))
                .isInstanceOf(ModuleException.class).hasMessageContaining("no shutdown command in " + dir.resolve("nowhere"));
    }
}
