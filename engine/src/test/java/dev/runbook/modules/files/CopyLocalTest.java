package dev.runbook.modules.files;

import static dev.runbook.modules.files.FilesTesting.converges;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** copy on this machine: controller files from one temporary directory to another. */
class CopyLocalTest {
    @TempDir
    Path controller;
    @TempDir
    Path host;
    final Copy module = new Copy();

    @BeforeEach
    void controllerFiles() throws Exception {
        Files.writeString(controller.resolve("app.conf"), "port=80\n");
        Path site = Files.createDirectories(controller.resolve("site/css"));
        Files.writeString(controller.resolve("site/index.html"), "<h1>hi</h1>\n");
        Files.writeString(site.resolve("main.css"), "body{}\n");
    }

    @Test
    void inlineContentWithModeAndOwner() throws Exception {
        Path dest = host.resolve("motd");
        ModuleResult r = converges(module, Map.of("content", "Welcome\n", "dest", dest.toString(), "mode", "0640",
                "owner", "root", "group", "root"), host, controller, ChangeKind.CREATE);
        assertThat(Files.readString(dest)).isEqualTo("Welcome\n");
        assertThat(FilesTesting.mode(dest)).isEqualTo("0640");
        assertThat(r.data()).containsEntry("dest", dest.toString()).containsEntry("mode", "0640");
    }

    @Test
    void updatesChangedContentKeepingModeWithBackupAndDiff() throws Exception {
        Path dest = Files.writeString(host.resolve("app.conf"), "port=8080\n");
        FilesTesting.setMode(dest, 0600);
        Change plan = module.check(FilesTesting.checkCtx(controller),
                FilesTesting.args(module, Map.of("src", "app.conf", "dest", dest.toString(), "backup", true)));
        assertThat(plan.diff()).contains("-port=8080\n+port=80\n");
        ModuleResult r = converges(module, Map.of("src", "app.conf", "dest", dest.toString(), "backup", true),
                host, controller, ChangeKind.CHANGE);
        assertThat(Files.readString(dest)).isEqualTo("port=80\n");
        assertThat(FilesTesting.mode(dest)).isEqualTo("0600");
        String backup = (String) r.data().get("backup_file");
        assertThat(backup).matches(java.util.regex.Pattern.quote(dest.toString()) + "\\.\\d{14}~");
        assertThat(Files.readString(Path.of(backup))).isEqualTo("port=8080\n");
        assertThat(r.diff()).contains("+port=80");
    }

    @Test
    void srcFileIntoAnExistingDirectoryKeepsItsName() throws Exception {
        converges(module, Map.of("src", "app.conf", "dest", host.toString()), host, controller, ChangeKind.CREATE);
        assertThat(Files.readString(host.resolve("app.conf"))).isEqualTo("port=80\n");
    }

    @Test
    void directoryIsCopiedRecursivelyWithOrWithoutItsName() throws Exception {
        converges(module, Map.of("src", "site", "dest", host.toString(), "directory_mode", "0750"), host, controller,
                ChangeKind.CREATE);
        assertThat(Files.readString(host.resolve("site/css/main.css"))).isEqualTo("body{}\n");
        assertThat(FilesTesting.mode(host.resolve("site/css"))).isEqualTo("0750");
        converges(module, Map.of("src", "site/", "dest", host.resolve("www").toString()), host, controller, ChangeKind.CREATE);
        assertThat(Files.readString(host.resolve("www/index.html"))).isEqualTo("<h1>hi</h1>\n");
        Files.writeString(controller.resolve("site/index.html"), "<h1>new</h1>\n");
        Change c = module.check(FilesTesting.checkCtx(controller),
                FilesTesting.args(module, Map.of("src", "site/", "dest", host.resolve("www").toString())));
        assertThat(c.summary()).isEqualTo("would update 1 file under " + host.resolve("www"));
    }

    @Test
    void forceFalseLeavesAnExistingFile() throws Exception {
        Path dest = Files.writeString(host.resolve("app.conf"), "mine\n");
        Change c = module.check(FilesTesting.checkCtx(controller),
                FilesTesting.args(module, Map.of("src", "app.conf", "dest", dest.toString(), "force", false)));
        assertThat(c.kind()).isEqualTo(ChangeKind.NONE);
        assertThat(module.apply(FilesTesting.applyCtx(controller),
                FilesTesting.args(module, Map.of("src", "app.conf", "dest", dest.toString(), "force", false))).changed()).isFalse();
        assertThat(Files.readString(dest)).isEqualTo("mine\n");
    }

    @Test
    void failedValidationLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path dest = Files.writeString(host.resolve("sudoers"), "old\n");
        var args = FilesTesting.args(module, Map.of("content", "broken\n", "dest", dest.toString(), "validate", "grep -q '^ok' %s"));
        assertThatThrownBy(() -> module.apply(FilesTesting.applyCtx(controller), args))
                .isInstanceOf(ModuleException.class).hasMessageContaining("validation of the new " + dest + " failed");
        assertThat(Files.readString(dest)).isEqualTo("old\n");
        try (var s = Files.list(host)) {
            assertThat(s.toList()).containsExactly(dest);
        }
        converges(module, Map.of("content", "ok\n", "dest", dest.toString(), "validate", "grep -q '^ok' %s"),
                host, controller, ChangeKind.CHANGE);
        assertThat(Files.readString(dest)).isEqualTo("ok\n");
    }

    @Test
    void largeFilesAreStreamedComparedAndNotDiffed() throws Exception {
        byte[] big = new byte[3 << 20];
        new java.util.Random(7).nextBytes(big);
        Files.write(controller.resolve("big.bin"), big);
        Path dest = Files.writeString(host.resolve("big.bin"), "old\n");
        Change c = module.check(FilesTesting.checkCtx(controller),
                FilesTesting.args(module, Map.of("src", "big.bin", "dest", dest.toString())));
        assertThat(c.diff()).startsWith("(content of " + dest + " not shown: larger than");
        converges(module, Map.of("src", "big.bin", "dest", dest.toString()), host, controller, ChangeKind.CHANGE);
        assertThat(Files.readAllBytes(dest)).isEqualTo(big);
    }

    @Test
    void followWritesThroughALinkOtherwiseTheLinkIsReplaced() throws Exception {
        Path real = Files.writeString(host.resolve("real.conf"), "old\n");
        Path link = Files.createSymbolicLink(host.resolve("app.conf"), Path.of("real.conf"));
        converges(module, Map.of("content", "new\n", "dest", link.toString(), "follow", true), host, controller, ChangeKind.CHANGE);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new\n");
        converges(module, Map.of("content", "newer\n", "dest", link.toString()), host, controller, ChangeKind.CHANGE);
        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(Files.readString(link)).isEqualTo("newer\n");
        assertThat(Files.readString(real)).isEqualTo("new\n");
    }

    @Test
    void userMistakesAreClearMessages() {
        assertThatThrownBy(() -> module.check(FilesTesting.checkCtx(controller),
                FilesTesting.args(module, Map.of("src", "nope.conf", "dest", host.resolve("x").toString()))))
                .hasMessage("src nope.conf not found on the controller (looked for " + controller.resolve("nope.conf") + ")");
        assertThatThrownBy(() -> module.check(FilesTesting.checkCtx(controller),
                FilesTesting.args(module, Map.of("content", "x", "dest", host.toString()))))
                .hasMessageContaining("with content, dest must be the path of a file");
        assertThatThrownBy(() -> module.check(FilesTesting.checkCtx(controller),
                FilesTesting.args(module, Map.of("content", "x", "dest", host + "/x", "validate", "true"))))
                .hasMessageContaining("validate must contain %s");
        assertThatThrownBy(() -> module.check(FilesTesting.checkCtx(controller),
                FilesTesting.args(module, Map.of("dest", host + "/x"))))
                .hasMessageContaining("exactly one of src");
    }
}
