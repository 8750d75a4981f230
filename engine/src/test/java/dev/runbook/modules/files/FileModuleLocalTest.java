package dev.runbook.modules.files;

import static dev.runbook.modules.files.FilesTesting.converges;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file module on this machine, over the local connection. */
class FileModuleLocalTest {
    @TempDir
    Path tmp;
    final FileModule module = new FileModule();

    @Test
    void createsNestedDirectoriesWithModeAndOwner() throws Exception {
        Path dir = tmp.resolve("srv/app/data");
        converges(module, Map.of("path", dir.toString(), "state", "directory", "mode", "0750", "owner", "root",
                "group", "root"), tmp, tmp, ChangeKind.CREATE);
        assertThat(Files.isDirectory(dir)).isTrue();
        assertThat(FilesTesting.mode(dir)).isEqualTo("0750");
        assertThat(FilesTesting.mode(dir.getParent())).as("created parents get the mode too, as in Ansible").isEqualTo("0750");
    }

    @Test
    void changesModeOfAnExistingFileSymbolically() throws Exception {
        Path f = Files.writeString(tmp.resolve("run.sh"), "echo hi\n");
        FilesTesting.setMode(f, 0644);
        converges(module, Map.of("path", f.toString(), "mode", "u+x,g+x"), tmp, tmp, ChangeKind.CHANGE);
        assertThat(FilesTesting.mode(f)).isEqualTo("0754");
    }

    @Test
    void createsAndRetargetsSymbolicLinks() throws Exception {
        Files.createDirectory(tmp.resolve("app-1.2"));
        Files.createDirectory(tmp.resolve("app-1.3"));
        Path link = tmp.resolve("current");
        converges(module, Map.of("path", link.toString(), "state", "link", "src", "app-1.2"), tmp, tmp, ChangeKind.CREATE);
        assertThat(Files.readSymbolicLink(link).toString()).isEqualTo("app-1.2");
        converges(module, Map.of("path", link.toString(), "state", "link", "src", "app-1.3"), tmp, tmp, ChangeKind.CHANGE);
        assertThat(Files.readSymbolicLink(link).toString()).isEqualTo("app-1.3");
    }

    @Test
    void hardLinkSharesTheInode() throws Exception {
        Path src = Files.writeString(tmp.resolve("a"), "x");
        Path dst = tmp.resolve("b");
        converges(module, Map.of("path", dst.toString(), "state", "hard", "src", src.toString()), tmp, tmp, ChangeKind.CREATE);
        assertThat(Files.isSameFile(src, dst)).isTrue();
    }

    @Test
    void removesATree() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("old/release/1"));
        Files.writeString(dir.resolve("f"), "x");
        converges(module, Map.of("path", tmp.resolve("old").toString(), "state", "absent"), tmp, tmp, ChangeKind.REMOVE);
        assertThat(Files.exists(tmp.resolve("old"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void touchCreatesAnEmptyFileOnce() throws Exception {
        Path f = tmp.resolve("flag");
        converges(module, Map.of("path", f.toString(), "state", "touch", "mode", "0600"), tmp, tmp, ChangeKind.CREATE);
        assertThat(Files.size(f)).isZero();
        assertThat(FilesTesting.mode(f)).isEqualTo("0600");
    }

    @Test
    void touchWithNowMovesTheModificationTime() throws Exception {
        Path f = Files.writeString(tmp.resolve("stamp"), "x");
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        var r = module.apply(FilesTesting.applyCtx(tmp),
                FilesTesting.args(module, Map.of("path", f.toString(), "state", "touch", "modification_time", "now")));
        assertThat(r.changed()).isTrue();
        assertThat(Files.getLastModifiedTime(f).toMillis()).isGreaterThan(1_000_000_000_000L);
    }

    @Test
    void recurseFixesEverythingBelow() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("www/a/b"));
        Files.writeString(root.resolve("index.html"), "<p>");
        FilesTesting.setMode(root.resolve("index.html"), 0600);
        Path www = tmp.resolve("www");
        converges(module, Map.of("path", www.toString(), "state", "directory", "recurse", true, "mode", "u=rwX,go=rX"),
                tmp, tmp, ChangeKind.CHANGE);
        assertThat(FilesTesting.mode(root.resolve("index.html"))).isEqualTo("0644");
        assertThat(FilesTesting.mode(root)).isEqualTo("0755");
    }

    @Test
    void ownerAndGroupAreChangedByNameAndComparedById() throws Exception {
        Path f = Files.writeString(tmp.resolve("owned"), "x");
        Files.setAttribute(f, "unix:uid", 65534);
        Files.setAttribute(f, "unix:gid", 65534);
        converges(module, Map.of("path", f.toString(), "owner", "root", "group", "0"), tmp, tmp, ChangeKind.CHANGE);
        assertThat(Files.getAttribute(f, "unix:uid")).isEqualTo(0);
        assertThat(Files.getAttribute(f, "unix:gid")).isEqualTo(0);
    }

    @Test
    void planSaysUnknownWhenWhatATaskNeedsIsNotThereYet() throws Exception {
        Path dir = tmp.resolve("later");
        Change c = module.check(FilesTesting.checkCtx(tmp),
                FilesTesting.args(module, Map.of("path", dir + "/app.conf", "state", "file", "owner", "no-such-user-here")));
        assertThat(c.kind()).isEqualTo(ChangeKind.UNKNOWN);
        assertThat(c.summary()).isEqualTo("cannot tell until user 'no-such-user-here' exists on the host (an earlier task may create it)");
        Change link = module.check(FilesTesting.checkCtx(tmp),
                FilesTesting.args(module, Map.of("path", tmp + "/current", "state", "link", "src", "later")));
        assertThat(link.kind()).isEqualTo(ChangeKind.UNKNOWN);
        assertThat(link.summary()).isEqualTo("cannot tell until " + tmp + "/later exists on the host (an earlier task may create it)");
    }

    @Test
    void userMistakesAreClearMessages() throws Exception {
        Path f = Files.writeString(tmp.resolve("conf"), "x");
        assertThatThrownBy(() -> module.check(FilesTesting.checkCtx(tmp),
                FilesTesting.args(module, Map.of("path", f.toString(), "state", "directory"))))
                .isInstanceOf(ModuleException.class).hasMessageContaining("already exists as file, not a directory");
        var noUser = FilesTesting.args(module, Map.of("path", f.toString(), "owner", "no-such-user-here"));
        assertThatThrownBy(() -> module.apply(FilesTesting.applyCtx(tmp), noUser))
                .isInstanceOf(ModuleException.class).hasMessage("owner 'no-such-user-here' does not exist on the host (no such user)");
        assertThatThrownBy(() -> module.check(FilesTesting.checkCtx(tmp),
                FilesTesting.args(module, Map.of("path", f.toString(), "state", "link"))))
                .hasMessageContaining("needs src");
    }
}
