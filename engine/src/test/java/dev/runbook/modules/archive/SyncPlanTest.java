package dev.runbook.modules.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncPlanTest {
    static TreeEntry file(String path, String sha) {
        return new TreeEntry(path, 'f', 0644, sha.length(), 1000, sha, null, "root", "root");
    }

    static TreeEntry dir(String path) {
        return new TreeEntry(path, 'd', 0755, 4096, 1000, null, null, "root", "root");
    }

    static Map<String, TreeEntry> tree(TreeEntry... entries) {
        Map<String, TreeEntry> m = new HashMap<>();
        for (TreeEntry e : entries) {
            m.put(e.path(), e);
        }
        return m;
    }

    static final SyncPlan.Options DELETE = new SyncPlan.Options(true, true, null, null);

    @Test
    void addsUpdatesAndRemovesOnlyWhatDiffers() {
        var src = tree(file("index.php", "new"), dir("admin"), file("admin/index.php", "a"), file("same.php", "s"));
        var dest = tree(file("index.php", "old"), file("same.php", "s"), file("stale.php", "x"));
        SyncPlan p = SyncPlan.compute(src, dest, PathFilter.none(), DELETE);
        assertThat(p.add()).containsExactly("admin", "admin/index.php");
        assertThat(p.update()).containsExactly("index.php");
        assertThat(p.remove()).containsExactly("stale.php");
        assertThat(p.listing(src, dest)).isEqualTo("+ admin/\n+ admin/index.php\n~ index.php\n- stale.php\n");
        assertThat(p.counts()).isEqualTo("2 added, 1 updated, 1 removed");
    }

    @Test
    void withoutDeleteNothingIsRemoved() {
        SyncPlan p = SyncPlan.compute(tree(), tree(file("stale.php", "x")), PathFilter.none(), SyncPlan.Options.byChecksum());
        assertThat(p.isEmpty()).isTrue();
    }

    @Test
    void excludedFilesAreNeitherCopiedNorDeletedNorTheirDirectories() {
        var src = tree(file("config.php", "release"), dir("cache"), file("cache/a.tmp", "c"), file("index.php", "i"));
        var dest = tree(file("config.php", "site"), dir("logs"), file("logs/error.log", "e"), file("old.php", "o"));
        SyncPlan p = SyncPlan.compute(src, dest, PathFilter.of(List.of("config.php", "cache/", "*.log")), DELETE);
        assertThat(p.add()).containsExactly("index.php");
        assertThat(p.update()).isEmpty();
        assertThat(p.remove()).containsExactly("old.php");
        // config.php, cache/ and cache/a.tmp are not copied; config.php, logs/error.log and logs/ (holding it) are kept.
        assertThat(p.notCopied()).isEqualTo(3);
        assertThat(p.kept()).isEqualTo(3);
    }

    @Test
    void removedDirectoriesComeAfterTheirContents() {
        var dest = tree(dir("old"), dir("old/sub"), file("old/sub/x", "x"));
        SyncPlan p = SyncPlan.compute(tree(), dest, PathFilter.none(), DELETE);
        assertThat(p.remove()).containsExactly("old/sub/x", "old/sub", "old");
    }

    @Test
    void modeAndTypeChangesAreUpdates() {
        var src = tree(file("run.sh", "s").withMode(0755), file("was-dir", "f"));
        var dest = tree(file("run.sh", "s"), dir("was-dir"));
        SyncPlan p = SyncPlan.compute(src, dest, PathFilter.none(), SyncPlan.Options.byChecksum());
        assertThat(p.update()).containsExactly("run.sh", "was-dir");
        assertThat(p.retype()).containsExactly("was-dir");
    }

    @Test
    void unknownModesAreNotCompared() {
        var src = tree(file("a", "s").withMode(-1));
        var dest = tree(file("a", "s").withMode(0600));
        assertThat(SyncPlan.compute(src, dest, PathFilter.none(), SyncPlan.Options.byChecksum()).isEmpty()).isTrue();
    }

    @Test
    void withoutChecksumsSizeAndTimeDecide() {
        var opts = new SyncPlan.Options(false, false, null, null);
        TreeEntry a = new TreeEntry("a", 'f', 0644, 5, 1000, null, null, null, null);
        TreeEntry sameSizeOtherTime = new TreeEntry("a", 'f', 0644, 5, 2000, null, null, null, null);
        assertThat(SyncPlan.compute(tree(a), tree(a), PathFilter.none(), opts).isEmpty()).isTrue();
        assertThat(SyncPlan.compute(tree(a), tree(sameSizeOtherTime), PathFilter.none(), opts).update()).containsExactly("a");
    }

    @Test
    void ownerIsComparedOnlyWhenAsked() {
        var src = tree(file("a", "s"));
        var dest = tree(file("a", "s"));
        assertThat(SyncPlan.compute(src, dest, PathFilter.none(), new SyncPlan.Options(false, true, "www-data", null))
                .update()).containsExactly("a");
        assertThat(SyncPlan.compute(src, dest, PathFilter.none(), new SyncPlan.Options(false, true, "root", "root"))
                .isEmpty()).isTrue();
    }

    @Test
    void aDirectoryHoldingExcludedFilesIsNeverReplaced() {
        var src = tree(file("cache", "now a file"));
        var dest = tree(dir("cache"), file("cache/x.log", "l"));
        SyncPlan p = SyncPlan.compute(src, dest, PathFilter.of(List.of("*.log")), DELETE);
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.notCopied()).isEqualTo(1);
        assertThat(p.kept()).isEqualTo(2);
    }

    @Test
    void directoryPatternsProtectLinkedDirectoriesFromDelete() {
        var dest = tree(new TreeEntry("storage", 'l', 0777, 10, 0, null, "/srv/storage", null, null));
        SyncPlan p = SyncPlan.compute(tree(), dest, PathFilter.of(List.of("/storage/")), DELETE);
        assertThat(p.remove()).isEmpty();
        assertThat(SyncPlan.compute(tree(), dest, PathFilter.none(), DELETE).remove()).containsExactly("storage");
    }
}
