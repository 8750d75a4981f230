package dev.runbook.modules.files;

import static dev.runbook.modules.files.FilesTesting.converges;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.FileAttrs;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import dev.runbook.testing.TestModuleContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** copy with remote_src: from fixture probes, then on this machine. */
class RemoteCopyTest {
    @TempDir
    Path tmp;
    final Copy module = new Copy();

    @Test
    void scriptCopiesBesideDestValidatesThenRenames() {
        String s = RemoteCopy.script("/etc/app.conf", "/etc/app.conf.new", new FileAttrs(0640, "root", "adm"), "test -s %s");
        assertThat(s).isEqualTo("t=$(mktemp /etc/.runbook-copy.XXXXXX) || exit 1\n"
                + "cp -- /etc/app.conf \"$t\" && chmod 0640 \"$t\" && chown root \"$t\" && chgrp adm \"$t\" || { rm -f \"$t\"; exit 1; }\n"
                + "if ! test -s \"$t\"; then rm -f \"$t\"; echo 'validation failed, /etc/app.conf.new left unchanged: test -s %s' >&2; exit 1; fi\n"
                + "mv -f \"$t\" /etc/app.conf.new");
    }

    @Test
    void sameChecksumOnBothSidesIsNoChange() throws Exception {
        String probe = "U 0022\n0 F 81a4 0 0 1 1 5 1 root root\n0 S aaa\n1 F 81a4 0 0 2 1 5 1 root root\n1 S aaa\n"
                + "2 A\n3 F 41ed 0 0 3 1 4096 1 root root\n";
        var ctx = new TestModuleContext(new FilesTesting.Fixture(probe, new byte[0])).checkMode(true);
        Change c = module.check(ctx, FilesTesting.args(module, Map.of("src", "/etc/a", "dest", "/etc/b", "remote_src", true)));
        assertThat(c.kind()).isEqualTo(ChangeKind.NONE);
        String differs = probe.replace("1 S aaa", "1 S bbb");
        var ctx2 = new TestModuleContext(new FilesTesting.Fixture(differs, "x\n".getBytes(StandardCharsets.UTF_8))).checkMode(true);
        Change c2 = module.check(ctx2, FilesTesting.args(module, Map.of("src", "/etc/a", "dest", "/etc/b", "remote_src", true)));
        assertThat(c2.kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(c2.summary()).isEqualTo("would update /etc/b from /etc/a (5 bytes)");
    }

    @Test
    void onThisMachine() throws Exception {
        Path src = Files.writeString(tmp.resolve("php.ini"), "memory_limit=256M\n");
        Path dest = tmp.resolve("php.ini.orig");
        converges(module, Map.of("src", src.toString(), "dest", dest.toString(), "remote_src", true, "mode", "0600",
                "validate", "grep -q memory_limit %s"), tmp, tmp, ChangeKind.CREATE);
        assertThat(Files.readString(dest)).isEqualTo("memory_limit=256M\n");
        assertThat(FilesTesting.mode(dest)).isEqualTo("0600");
        Files.writeString(src, "memory_limit=512M\n");
        var r = converges(module, Map.of("src", src.toString(), "dest", dest.toString(), "remote_src", true, "backup", true),
                tmp, tmp, ChangeKind.CHANGE);
        assertThat(Files.readString(dest)).isEqualTo("memory_limit=512M\n");
        assertThat(Files.readString(Path.of((String) r.data().get("backup_file")))).isEqualTo("memory_limit=256M\n");
        assertThat(r.diff()).contains("-memory_limit=256M\n+memory_limit=512M\n");
    }

    @Test
    void failedValidationLeavesDestAndNoTemporaryFile() throws Exception {
        Path src = Files.writeString(tmp.resolve("a"), "bad\n");
        Path dest = Files.writeString(tmp.resolve("b"), "good\n");
        var args = FilesTesting.args(module, Map.of("src", src.toString(), "dest", dest.toString(), "remote_src", true,
                "validate", "grep -q good %s"));
        assertThatThrownBy(() -> module.apply(FilesTesting.applyCtx(tmp), args)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("validation failed, " + dest + " left unchanged");
        assertThat(Files.readString(dest)).isEqualTo("good\n");
        try (var s = Files.list(tmp)) {
            assertThat(s.toList()).containsExactlyInAnyOrder(src, dest);
        }
    }

    @Test
    void directoriesAreRefused() {
        assertThatThrownBy(() -> module.check(FilesTesting.checkCtx(tmp),
                FilesTesting.args(module, Map.of("src", tmp.toString(), "dest", tmp + "/copy", "remote_src", true))))
                .hasMessageContaining("remote_src copies single files");
    }
}
