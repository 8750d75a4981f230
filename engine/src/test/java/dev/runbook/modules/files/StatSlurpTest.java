package dev.runbook.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stat and slurp: the result shapes from fixture probes, and both on this machine. */
class StatSlurpTest {
    @TempDir
    Path tmp;

    @Test
    void statDictionaryFromFixtureProbe() {
        Probe p = FileProbe.parse(List.of("/etc/app"), "U 0022\n0 L a1ff 0 0 7 2049 9 1700000001 root root\n"
                + "0 T app.conf\n0 F 81a4 33 33 8 2049 120 1700000000 www-data www-data\n0 S abc123\n");
        Map<String, Object> lstat = StatModule.describe(p, false, true);
        assertThat(lstat).containsEntry("islnk", true).containsEntry("isreg", false).containsEntry("lnk_target", "app.conf")
                .doesNotContainKey("checksum");
        Map<String, Object> followed = StatModule.describe(p, true, true);
        assertThat(followed).containsEntry("exists", true).containsEntry("isreg", true).containsEntry("mode", "0644")
                .containsEntry("pw_name", "www-data").containsEntry("uid", 33).containsEntry("size", 120L)
                .containsEntry("mtime", 1700000000L).containsEntry("checksum", "abc123");
        assertThat(StatModule.describe(FileProbe.parse(List.of("/x"), "U 0022\n0 A\n"), false, true))
                .isEqualTo(Map.of("exists", false));
    }

    @Test
    void statOnThisMachineNeverChangesAndMatchesSha256() throws Exception {
        Path f = Files.writeString(tmp.resolve("app.conf"), "port=80\n");
        FilesTesting.setMode(f, 0640);
        StatModule m = new StatModule();
        var args = FilesTesting.args(m, Map.of("path", f.toString()));
        String before = FilesTesting.fingerprint(tmp);
        Change c = m.check(FilesTesting.checkCtx(tmp), args);
        assertThat(c.kind()).isEqualTo(ChangeKind.NONE);
        assertThat(FilesTesting.fingerprint(tmp)).isEqualTo(before);
        ModuleResult r = m.apply(FilesTesting.applyCtx(tmp), args);
        assertThat(r.changed()).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> stat = (Map<String, Object>) r.data().get("stat");
        assertThat(stat).containsEntry("exists", true).containsEntry("mode", "0640").containsEntry("pw_name", "root")
                .containsEntry("checksum", Steps.sha256("port=80\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(stat).isEqualTo(c.result().get("stat"));
        ModuleResult missing = m.apply(FilesTesting.applyCtx(tmp), FilesTesting.args(m, Map.of("path", tmp + "/nope")));
        assertThat(missing.data().get("stat")).isEqualTo(Map.of("exists", false));
    }

    @Test
    void slurpReturnsBase64InPlanAndApply() throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xff, 'a', '\n'};
        Path f = Files.write(tmp.resolve("blob"), bytes);
        Slurp m = new Slurp();
        var args = FilesTesting.args(m, Map.of("src", f.toString()));
        String before = FilesTesting.fingerprint(tmp);
        Change c = m.check(FilesTesting.checkCtx(tmp), args);
        assertThat(FilesTesting.fingerprint(tmp)).isEqualTo(before);
        assertThat(c.kind()).isEqualTo(ChangeKind.NONE);
        ModuleResult r = m.apply(FilesTesting.applyCtx(tmp), args);
        assertThat(r.changed()).isFalse();
        assertThat(r.data()).containsEntry("encoding", "base64").containsEntry("source", f.toString());
        assertThat(Base64.getDecoder().decode((String) r.data().get("content"))).isEqualTo(bytes);
        assertThat(c.result().get("content")).isEqualTo(r.data().get("content"));
    }

    @Test
    void slurpOfAMissingFileOrDirectoryIsAClearError() throws Exception {
        Slurp m = new Slurp();
        var missing = FilesTesting.args(m, Map.of("src", tmp + "/nope"));
        assertThat(m.check(FilesTesting.checkCtx(tmp), missing).kind()).as("may be created earlier in the run")
                .isEqualTo(ChangeKind.UNKNOWN);
        assertThatThrownBy(() -> m.apply(FilesTesting.applyCtx(tmp), missing))
                .isInstanceOf(ModuleException.class).hasMessage("file not found: " + tmp + "/nope");
        assertThatThrownBy(() -> m.apply(FilesTesting.applyCtx(tmp), FilesTesting.args(m, Map.of("src", tmp.toString()))))
                .hasMessage("source is a directory and must be a file: " + tmp);
    }
}
