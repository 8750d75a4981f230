package dev.runbook.modules.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.aptrepo.AptRepository;
import dev.runbook.modules.aptrepo.Deb822Repository;
import dev.runbook.testing.TestModuleContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * apt_repository and deb822_repository against a real apt database in an alternate root, fed by
 * a local repository of tiny packages: the source written, apt-get update run, and the package
 * then installable, with plans that predict exactly and second runs that change nothing.
 */
class AptRepositoryTest {
    final AptRepository repository = new AptRepository();
    final Deb822Repository deb822 = new Deb822Repository();
    final Package pkg = new Package();
    final RecordingConnection planned = new RecordingConnection();
    final TestModuleContext plan = new TestModuleContext(planned).checkMode(true);
    final TestModuleContext ctx = new TestModuleContext(new RecordingConnection());
    AptRepo apt;
    Path parts;
    String line;

    @BeforeEach
    void repository(@TempDir Path dir) throws IOException {
        apt = new AptRepo(dir).add("rbtest-hello", "1.0", null);
        Files.writeString(apt.root.resolve("etc/apt/sources.list"), "");
        parts = apt.root.resolve("etc/apt/sources.list.d");
        line = "deb [trusted=yes] file:" + apt.repo + " ./";
    }

    @AfterEach
    void planOnlyProbed() {
        assertThat(planned.allReadOnly()).isTrue();
    }

    Args args(Module m, Map<String, Object> raw) {
        Map<String, Object> a = new LinkedHashMap<>(Map.of("root", apt.root.toString()));
        a.putAll(raw);
        return TestModuleContext.args(m, a);
    }

    /** Whether the package module, in the same root, can install rbtest-hello from the lists as they are. */
    boolean installable() throws Exception {
        try {
            return pkg.check(plan, args(pkg, Map.of("name", "rbtest-hello"))).kind() == ChangeKind.CREATE;
        } catch (dev.runbook.modules.ModuleException e) {
            assertThat(e.getMessage()).contains("Unable to locate package rbtest-hello");
            return false;
        }
    }

    @Test
    void addsTheSourceInItsOwnFileRefreshesTheListsThenChangesNothing() throws Exception {
        Args a = args(repository, Map.of("repo", line));
        String file = "file_" + apt.repo.toString().substring(1).replaceAll("[^a-zA-Z0-9]+", "_") + ".list";
        Change c = repository.check(plan, a);
        assertThat(c.kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(c.summary()).isEqualTo("would add '" + line + "' to /etc/apt/sources.list.d/" + file
                + " (new file), then refresh the package lists");
        assertThat(c.diff()).contains("--- /dev/null\n+++ /etc/apt/sources.list.d/" + file, "+" + line);
        assertThat(parts.resolve(file)).doesNotExist();

        ModuleResult r = repository.apply(ctx, a);
        assertThat(r.changed()).isTrue();
        assertThat(r.data().get("sources_added")).isEqualTo(List.of("/etc/apt/sources.list.d/" + file));
        assertThat(Files.readString(parts.resolve(file))).isEqualTo(line + "\n");
        assertThat(Files.getAttribute(parts.resolve(file), "unix:mode")).isEqualTo(0100644);
        assertThat(installable()).as("apt-get update ran in the root").isTrue();

        assertThat(repository.check(plan, a).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(repository.apply(ctx, a).changed()).isFalse();

        Args gone = args(repository, Map.of("repo", line, "state", "absent"));
        Change rm = repository.check(plan, gone);
        assertThat(rm.kind()).isEqualTo(ChangeKind.REMOVE);
        assertThat(rm.summary()).startsWith("would remove '" + line + "' (deleting /etc/apt/sources.list.d/" + file + ")");
        assertThat(repository.apply(ctx, gone).data().get("sources_removed")).isEqualTo(List.of("/etc/apt/sources.list.d/" + file));
        assertThat(parts.resolve(file)).doesNotExist();
        assertThat(installable()).as("the lists were refreshed without it").isFalse();
        assertThat(repository.apply(ctx, gone).changed()).isFalse();
    }

    @Test
    void aCommentedOutCopyIsEnabledNotDuplicatedAndFilenameIsUsed() throws Exception {
        Files.writeString(apt.root.resolve("etc/apt/sources.list"), "# main\n#  " + line.replace(" ./", "   ./") + "  # local  \n");
        Args a = args(repository, Map.of("repo", line, "filename", "local", "update_cache", false));
        Change c = repository.check(plan, a);
        assertThat(c.kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(c.summary()).isEqualTo("would enable '" + line + "'");
        repository.apply(ctx, a);
        assertThat(Files.readString(apt.root.resolve("etc/apt/sources.list"))).isEqualTo("# main\n" + line + " # local\n");
        assertThat(parts.resolve("local.list")).doesNotExist();
        Args other = args(repository, Map.of("repo", "deb http://127.0.0.1:9/debian bookworm main", "filename", "local",
                "update_cache", false, "mode", "0600"));
        repository.apply(ctx, other);
        assertThat(Files.readString(parts.resolve("local.list"))).isEqualTo("deb http://127.0.0.1:9/debian bookworm main\n");
        assertThat(Files.getAttribute(parts.resolve("local.list"), "unix:mode")).isEqualTo(0100600);
    }

    @Test
    void aSourceADeb822FileAlreadyGivesIsNotAddedTwice() throws Exception {
        Files.writeString(parts.resolve("debian.sources"), "Types: deb deb-src\nURIs: http://deb.debian.org/debian/\n"
                + "Suites: bookworm bookworm-updates\nComponents: main contrib\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n");
        Args a = args(repository, Map.of("repo", "deb http://deb.debian.org/debian bookworm main", "update_cache", false));
        Change c = repository.check(plan, a);
        assertThat(c.kind()).isEqualTo(ChangeKind.NONE);
        assertThat(c.summary()).isEqualTo("nothing to change: already given by /etc/apt/sources.list.d/debian.sources");
        assertThat(repository.check(plan, args(repository, Map.of("repo", "deb http://deb.debian.org/debian bookworm non-free",
                "update_cache", false))).kind()).isEqualTo(ChangeKind.CREATE);
    }

    @Test
    void deb822WritesAnsiblesStanzaAndAptUsesIt() throws Exception {
        Args a = args(deb822, Map.of("name", "rbtest local", "uris", "file:" + apt.repo, "suites", List.of("./"),
                "trusted", true, "signed_by", "/etc/apt/keyrings/rbtest.asc"));
        Change c = deb822.check(plan, a);
        assertThat(c.kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(c.summary()).isEqualTo("would create /etc/apt/sources.list.d/rbtest-local.sources");
        ModuleResult r = deb822.apply(ctx, a);
        String expected = "X-Repolib-Name: rbtest local\nSigned-By: /etc/apt/keyrings/rbtest.asc\nSuites: ./\nTrusted: yes\n"
                + "Types: deb\nURIs: file:" + apt.repo + "\n";
        assertThat(Files.readString(parts.resolve("rbtest-local.sources"))).isEqualTo(expected);
        assertThat(r.data()).containsEntry("dest", "/etc/apt/sources.list.d/rbtest-local.sources").containsEntry("repo", expected);
        assertThat(deb822.check(plan, a).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(deb822.apply(ctx, a).changed()).isFalse();
        Files.delete(parts.resolve("rbtest-local.sources"));
        deb822.apply(ctx, args(deb822, Map.of("name", "rbtest local", "uris", "file:" + apt.repo, "suites", List.of("./"),
                "trusted", true)));
        AptLists.update(ctx, apt.root.toString(), 1, java.time.Duration.ofSeconds(1));
        assertThat(installable()).as("apt reads the stanza").isTrue();
        Args gone = args(deb822, Map.of("name", "rbtest local", "state", "absent"));
        assertThat(deb822.check(plan, gone).kind()).isEqualTo(ChangeKind.REMOVE);
        deb822.apply(ctx, gone);
        assertThat(parts.resolve("rbtest-local.sources")).doesNotExist();
        assertThat(deb822.apply(ctx, gone).changed()).isFalse();
    }

    @Test
    void inlineKeysAreIndentedAndUrlsPointToGetUrl() {
        Args a = TestModuleContext.args(deb822, Map.of("name", "x", "uris", "http://r", "suites", "s", "components", List.of("main"),
                "signed_by", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBF\n-----END PGP PUBLIC KEY BLOCK-----\n", "enabled", false));
        assertThat(deb822.validate(a)).isEmpty();
        assertThat(Deb822Repository.render(a)).isEqualTo("Components: main\nEnabled: no\nX-Repolib-Name: x\nSigned-By:\n"
                + "    -----BEGIN PGP PUBLIC KEY BLOCK-----\n    .\n    mQINBF\n    -----END PGP PUBLIC KEY BLOCK-----\n"
                + "Suites: s\nTypes: deb\nURIs: http://r\n");
        assertThat(deb822.validate(TestModuleContext.args(deb822, Map.of("name", "x", "uris", "http://r", "suites", "s",
                "signed_by", "https://download.docker.com/linux/debian/gpg")))).singleElement().asString()
                .startsWith("signed_by https://download.docker.com/linux/debian/gpg: download the key with get_url");
        assertThat(repository.validate(TestModuleContext.args(repository, Map.of("repo", "# deb http://x y z"))))
                .containsExactly("Invalid repository string: # deb http://x y z");
    }
}
