package dev.runbook.modules.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.local.LocalConnection;
import dev.runbook.modules.ModuleException;
import dev.runbook.testing.TestModuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeListingTest {
    /** Recorded from GNU find 4.9 and coreutils 9.1 on a tree with spaces, a newline in a name and a link. */
    static final String RECORDED = "@@entries\0"
            + "f 644 6 1795562210.6043395500 root root\0top.txt\0\0"
            + "d 755 4096 1795562210.6003395500 www-data www-data\0a b\0\0"
            + "f 4755 1 1795562210.6003395500 root staff\0a b/f\n1\0\0"
            + "l 777 3 1795562210.6043395500 root root\0link\0a b\0"
            + "@@sha256\0"
            + "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  ./top.txt\0"
            + "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881  ./a b/f\n1\0";

    @Test
    void parsesTypesModesOwnersLinksAndHashesOfAnyName() throws Exception {
        TreeListing l = TreeListing.parse("/srv", RECORDED);
        assertThat(l.exists()).isTrue();
        assertThat(l.isDir()).isTrue();
        assertThat(l.entries()).containsOnlyKeys("top.txt", "a b", "a b/f\n1", "link");
        TreeEntry top = l.get("top.txt");
        assertThat(top.type()).isEqualTo('f');
        assertThat(top.mode()).isEqualTo(0644);
        assertThat(top.size()).isEqualTo(6);
        assertThat(top.mtime()).isEqualTo(1795562210L);
        assertThat(top.sha256()).isEqualTo("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
        assertThat(l.get("a b").isDir()).isTrue();
        assertThat(l.get("a b").owner()).isEqualTo("www-data");
        assertThat(l.get("a b/f\n1").mode()).isEqualTo(04755);
        assertThat(l.get("a b/f\n1").group()).isEqualTo("staff");
        assertThat(l.get("a b/f\n1").sha256()).startsWith("2d711642");
        assertThat(l.get("link").link()).isEqualTo("a b");
        assertThat(l.get("link").sha256()).isNull();
    }

    @Test
    void missingRootAndNonDirectoryRootAreReportedNotFailed() throws Exception {
        assertThat(TreeListing.parse("/x", "@@missing\0").exists()).isFalse();
        TreeListing file = TreeListing.parse("/x", "@@notdir\0");
        assertThat(file.exists()).isTrue();
        assertThat(file.isDir()).isFalse();
    }

    @Test
    void listingWithoutHashesLeavesChecksumsEmpty() throws Exception {
        String noHash = RECORDED.substring(0, RECORDED.indexOf("@@sha256") + 9);
        assertThat(TreeListing.parse("/srv", noHash).get("top.txt").sha256()).isNull();
    }

    @Test
    void truncatedOrForeignOutputIsAClearError() {
        assertThatThrownBy(() -> TreeListing.parse("/srv", RECORDED.substring(0, 60)))
                .isInstanceOf(ModuleException.class).hasMessageContaining("/srv");
        assertThatThrownBy(() -> TreeListing.parse("/srv", "find: unknown predicate `-printf'\n"))
                .isInstanceOf(ModuleException.class).hasMessageContaining("unexpected listing output");
    }

    @Test
    void probeOnARealTreeAgreesWithTheFiles(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub dir"));
        Files.writeString(dir.resolve("sub dir/it's.txt"), "hello\n");
        Files.writeString(dir.resolve("-rf"), "");
        Files.createSymbolicLink(dir.resolve("ln"), Path.of("sub dir"));
        TestModuleContext ctx = new TestModuleContext(new LocalConnection("localhost"));
        TreeListing l = TreeListing.probe(ctx, dir.toString(), true);
        assertThat(l.entries()).containsOnlyKeys("sub dir", "sub dir/it's.txt", "-rf", "ln");
        assertThat(l.get("sub dir/it's.txt").sha256())
                .isEqualTo("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
        assertThat(l.get("ln").link()).isEqualTo("sub dir");
        assertThat(TreeListing.probe(ctx, dir.resolve("nope").toString(), true).exists()).isFalse();
    }
}
