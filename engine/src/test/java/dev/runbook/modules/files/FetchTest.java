package dev.runbook.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fetch: paths and decisions from fixtures, then host-to-controller on this machine. */
class FetchTest {
    @TempDir
    Path controller;
    @TempDir
    Path host;
    final Fetch module = new Fetch();

    @Test
    void localPathFollowsAnsible() {
        assertThat(Fetch.localPath("web1", "/etc/nginx/nginx.conf", "backups", false)).isEqualTo("backups/web1/etc/nginx/nginx.conf");
        assertThat(Fetch.localPath("web1", "/etc/nginx/nginx.conf", "backups/", false)).isEqualTo("backups/web1/etc/nginx/nginx.conf");
        assertThat(Fetch.localPath("web1", "/etc/nginx/nginx.conf", "out/", true)).isEqualTo("out/nginx.conf");
        assertThat(Fetch.localPath("web1", "/etc/nginx/nginx.conf", "out/web1.conf", true)).isEqualTo("out/web1.conf");
    }

    @Test
    void decisionsFromFixtures() throws Exception {
        RemoteFile remote = FileProbe.parse(List.of("/etc/x"), "U 0022\n0 F 81a4 0 0 1 1 5 1 root root\n0 S abc\n").first();
        Path local = Path.of("/backups/h/etc/x");
        assertThat(Fetch.decide(remote, local, null, true).change().kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(Fetch.decide(remote, local, "def", true).change().kind()).isEqualTo(ChangeKind.CHANGE);
        Change same = Fetch.decide(remote, local, "abc", true).change();
        assertThat(same.kind()).isEqualTo(ChangeKind.NONE);
        assertThat(same.result()).containsEntry("checksum", "abc").containsEntry("dest", "/backups/h/etc/x");
        RemoteFile missing = FileProbe.parse(List.of("/etc/x"), "U 0022\n0 A\n").first();
        assertThatThrownBy(() -> Fetch.decide(missing, local, null, true)).hasMessageStartingWith("the remote file does not exist: /etc/x");
        assertThat(Fetch.decide(missing, local, null, false).change().kind()).isEqualTo(ChangeKind.NONE);
        RemoteFile dir = FileProbe.parse(List.of("/etc"), "U 0022\n0 F 41ed 0 0 1 1 5 1 root root\n").first();
        assertThatThrownBy(() -> Fetch.decide(dir, local, null, true)).hasMessageContaining("is a directory; fetch works on files only");
    }

    @Test
    void fetchesOnceThenReportsNoChange() throws Exception {
        Path src = Files.writeString(host.resolve("app.log"), "line1\nline2\n");
        var args = FilesTesting.args(module, Map.of("src", src.toString(), "dest", "backups"));
        String before = FilesTesting.fingerprint(controller);
        Change planned = module.check(FilesTesting.checkCtx(controller), args);
        assertThat(planned.kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(FilesTesting.fingerprint(controller)).as("check mode wrote nothing on the controller").isEqualTo(before);
        ModuleResult r = module.apply(FilesTesting.applyCtx(controller), args);
        assertThat(r.changed()).isTrue();
        Path fetched = controller.resolve("backups/localhost" + src);
        assertThat(Files.readString(fetched)).isEqualTo("line1\nline2\n");
        assertThat(r.data()).containsEntry("dest", fetched.toString());
        assertThat(module.check(FilesTesting.checkCtx(controller), args).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(module.apply(FilesTesting.applyCtx(controller), args).changed()).isFalse();
        Files.writeString(src, "line1\nline2\nline3\n");
        assertThat(module.check(FilesTesting.checkCtx(controller), args).kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(module.apply(FilesTesting.applyCtx(controller), args).changed()).isTrue();
        assertThat(Files.readString(fetched, StandardCharsets.UTF_8)).endsWith("line3\n");
        try (var s = Files.list(fetched.getParent())) {
            assertThat(s.toList()).as("no temporary file left").containsExactly(fetched);
        }
    }

    @Test
    void flatIntoADirectory() throws Exception {
        Path src = Files.writeString(host.resolve("nginx.conf"), "x");
        FilesTesting.converges(module, Map.of("src", src.toString(), "dest", "out/", "flat", true), controller, controller,
                ChangeKind.CREATE);
        assertThat(Files.readString(controller.resolve("out/nginx.conf"))).isEqualTo("x");
    }
}
