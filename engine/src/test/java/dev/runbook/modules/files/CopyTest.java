package dev.runbook.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.FileAttrs;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** copy's decisions and the unified diff, from fixture probe output. */
class CopyTest {
    static final String NEW = "listen 80;\nroot /srv;\n";
    static final String SUM = Steps.sha256(NEW.getBytes(StandardCharsets.UTF_8));

    static ContentWriter.Target target(Wanted w) {
        return new ContentWriter.Target("/etc/app.conf", Content.of(NEW.getBytes(StandardCharsets.UTF_8)), w, false, null, "dest");
    }

    static Probe probe(String out) {
        return FileProbe.parse(List.of("/etc/app.conf"), out);
    }

    @Test
    void newFileIsCreatedWithTheUmaskModeAndAFullDiff() throws Exception {
        Plan p = ContentWriter.decide(target(Wanted.NOTHING), probe("U 0027\n0 A\n"), null, true);
        assertThat(p.change().kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(p.change().summary()).isEqualTo("would create /etc/app.conf (22 bytes, mode 0640)");
        assertThat(p.change().diff()).isEqualTo("--- before: /etc/app.conf\n+++ after: /etc/app.conf\n@@ -0,0 +1,2 @@\n"
                + "+listen 80;\n+root /srv;\n");
        Action.Upload up = (Action.Upload) p.actions().get(0);
        assertThat(up.attrs()).isEqualTo(new FileAttrs(0640, null, null));
    }

    @Test
    void sameChecksumAndModeIsNoChange() throws Exception {
        Plan p = ContentWriter.decide(target(new Wanted(0644, null, null)),
                probe("U 0022\n0 F 81a4 0 0 1 1 21 1 root root\n0 S " + SUM + "\n"), null, true);
        assertThat(p.change().kind()).isEqualTo(ChangeKind.NONE);
        assertThat(p.change().result()).containsEntry("checksum", SUM).containsEntry("mode", "0644").containsEntry("changed", false);
    }

    @Test
    void sameContentWrongModeChangesOnlyTheMode() throws Exception {
        Plan p = ContentWriter.decide(target(new Wanted(0600, null, null)),
                probe("U 0022\n0 F 81a4 0 0 1 1 21 1 root root\n0 S " + SUM + "\n"), null, true);
        assertThat(p.change().summary()).isEqualTo("would change mode 0644 -> 0600 on /etc/app.conf");
        assertThat(p.change().diff()).isNull();
        assertThat(((Action.Shell) p.actions().get(0)).script()).isEqualTo("chmod 0600 -- /etc/app.conf");
    }

    @Test
    void changedContentKeepsOwnerAndModeAndShowsADiff() throws Exception {
        byte[] old = "listen 8080;\nroot /srv;\n".getBytes(StandardCharsets.UTF_8);
        Plan p = ContentWriter.decide(target(Wanted.NOTHING),
                probe("U 0022\n0 F 8180 33 33 1 1 23 1 www-data www-data\n0 S 00ff\n"), old, true);
        assertThat(p.change().kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(p.change().summary()).isEqualTo("would update /etc/app.conf (23 -> 22 bytes)");
        assertThat(p.change().diff()).isEqualTo("--- before: /etc/app.conf\n+++ after: /etc/app.conf\n@@ -1,2 +1,2 @@\n"
                + "-listen 8080;\n+listen 80;\n root /srv;\n");
        assertThat(((Action.Upload) p.actions().get(0)).attrs()).isEqualTo(new FileAttrs(0600, "www-data", "www-data"));
    }

    @Test
    void destinationChoiceFollowsAnsible() throws Exception {
        Probe dir = FileProbe.parse(List.of("/etc/nginx", "/etc/nginx/app.conf", "/etc"),
                "U 0022\n0 F 41ed 0 0 1 1 4096 1 root root\n1 A\n2 F 41ed 0 0 1 1 4096 1 root root\n");
        assertThat(CopyFile.choose("/etc/nginx", "app.conf", dir).file().path()).isEqualTo("/etc/nginx/app.conf");
        assertThatThrownBy(() -> CopyFile.choose("/etc/nginx", null, dir))
                .hasMessageContaining("with content, dest must be the path of a file");
        Probe noParent = FileProbe.parse(List.of("/opt/x/app.conf", "/opt/x/app.conf/.", "/opt/x"), "U 0022\n0 A\n1 A\n2 A\n");
        assertThatThrownBy(() -> CopyFile.choose("/opt/x/app.conf", "app.conf", noParent))
                .isInstanceOf(ModuleException.class).hasMessageStartingWith("destination directory /opt/x does not exist");
        Probe slash = FileProbe.parse(List.of("/opt/x", "/opt/x/app.conf", "/opt"), "U 0022\n0 A\n1 A\n2 F 41ed 0 0 1 1 1 1 root root\n");
        CopyFile.Choice c = CopyFile.choose("/opt/x/", "app.conf", slash);
        assertThat(c.makeDir()).isTrue();
        assertThat(c.file().path()).isEqualTo("/opt/x/app.conf");
    }

    @Test
    void aDirectoryInTheWayIsAUserError() {
        assertThatThrownBy(() -> ContentWriter.decide(target(Wanted.NOTHING), probe("U 0022\n0 F 41ed 0 0 1 1 1 1 root root\n"), null, true))
                .hasMessage("/etc/app.conf is a directory, not a regular file");
    }

    @Test
    void unifiedDiffHunksAndMissingNewline() {
        String a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
        String b = "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12";
        assertThat(UnifiedDiff.of(a, b, "a", "b")).isEqualTo("--- a\n+++ b\n@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n"
                + "@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+12\n\\ No newline at end of file\n");
        assertThat(UnifiedDiff.of(a, a, "a", "b")).isEmpty();
        assertThat(UnifiedDiff.of(new byte[] {0, 1}, new byte[] {0, 2}, "/bin/x")).isEqualTo("Binary files before: /bin/x and after: /bin/x differ\n");
        assertThat(UnifiedDiff.of("x\n", "", "a", "b")).isEqualTo("--- a\n+++ b\n@@ -1 +0,0 @@\n-x\n");
    }
}
