package dev.runbook.modules.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArchiveLayoutTest {
    static TreeEntry f(String path) {
        return new TreeEntry(path, 'f', -1, 1, 0, "x", null, null, null);
    }

    static TreeEntry link(String path, String target) {
        return new TreeEntry(path, 'l', 0777, 0, 0, null, target, null, null);
    }

    @Test
    void subdirIsSelectedAndStrippedAndParentsAreAdded() throws Exception {
        Map<String, TreeEntry> m = new ArchiveLayout("opencart-4.0.2.3/upload/").map(List.of(
                f("opencart-4.0.2.3/README.md"), f("opencart-4.0.2.3/upload/index.php"),
                f("./opencart-4.0.2.3/upload/admin/controller/common/login.php")));
        assertThat(m).containsOnlyKeys("index.php", "admin", "admin/controller", "admin/controller/common",
                "admin/controller/common/login.php");
        assertThat(m.get("admin").isDir()).isTrue();
        assertThat(m.get("admin").mode()).isEqualTo(-1);
    }

    @Test
    void withoutSubdirEverythingIsKeptUnderItsName() throws Exception {
        assertThat(new ArchiveLayout(null).map(List.of(f("a/b.txt"), f("./c")))).containsOnlyKeys("a", "a/b.txt", "c");
    }

    @Test
    void missingSubdirNamesWhatTheArchiveHolds() {
        assertThatThrownBy(() -> new ArchiveLayout("upload").map(List.of(f("opencart-4.0.2.3/upload/index.php"))))
                .hasMessageContaining("subdir 'upload' is not in the archive").hasMessageContaining("opencart-4.0.2.3");
    }

    @Test
    void entriesEscapingDestAreRefused() {
        ArchiveLayout all = new ArchiveLayout("");
        assertThatThrownBy(() -> all.map(List.of(f("ok.txt"), f("../../etc/cron.d/evil"))))
                .isInstanceOf(ArchiveLayout.UnsafeArchive.class).hasMessageContaining("'../../etc/cron.d/evil'")
                .hasMessageContaining("outside dest");
        assertThatThrownBy(() -> all.map(List.of(f("/etc/passwd")))).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> all.map(List.of(f("a/./../../x")))).hasMessageContaining("'..'");
    }

    @Test
    void linksMayPointInsideDestOnly() throws Exception {
        ArchiveLayout all = new ArchiveLayout("");
        assertThat(all.map(List.of(link("a/b/l", "../../top.txt")))).containsKey("a/b/l");
        assertThatThrownBy(() -> all.map(List.of(link("a/l", "../../etc/passwd")))).hasMessageContaining("outside dest");
        assertThatThrownBy(() -> all.map(List.of(link("l", "/etc/passwd")))).hasMessageContaining("absolute path");
        // Inside the archive, but above dest once the sub-tree is stripped.
        assertThatThrownBy(() -> new ArchiveLayout("pkg/upload").map(List.of(link("pkg/upload/l", "../README"))))
                .hasMessageContaining("outside dest");
    }

    @Test
    void linksThatEscapeTogetherAreRefused() throws Exception {
        ArchiveLayout all = new ArchiveLayout("");
        // each link alone stays inside dest; p = q/.. = the directory above dest
        assertThatThrownBy(() -> all.map(List.of(link("q", "."), link("p", "q/.."), f("p/evil"))))
                .isInstanceOf(ArchiveLayout.UnsafeArchive.class).hasMessageContaining("outside dest");
        assertThatThrownBy(() -> all.map(List.of(link("q", "."), link("p", "q/.."))))
                .hasMessageContaining("'p' is a link to 'q/..'");
        assertThatThrownBy(() -> all.map(List.of(link("up", "a/../.."), link("a", "b"), f("b/c"))))
                .hasMessageContaining("outside dest");
        assertThatThrownBy(() -> all.map(List.of(link("x", "y"), link("y", "x"), f("x/f")))).hasMessageContaining("outside dest");
        // links into dest, and files beside them, are fine
        assertThat(all.map(List.of(link("current", "releases/2"), f("releases/2/index.php"), link("web", "current/."))))
                .containsKeys("current", "web", "releases/2/index.php");
    }

    @Test
    void namesAndLinkTargetsWithANulAreRefused() {
        ArchiveLayout all = new ArchiveLayout("");
        // counted as a name, "..\0" would be cut to ".." by the file system
        assertThatThrownBy(() -> all.map(List.of(link("l", "..\0")))).hasMessageContaining("NUL");
        assertThatThrownBy(() -> all.map(List.of(f("a\0b")))).hasMessageContaining("NUL");
    }
}
