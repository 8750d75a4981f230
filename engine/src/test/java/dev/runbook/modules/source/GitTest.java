package dev.runbook.modules.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.ReadOnlyConnection;
import dev.runbook.connection.local.LocalConnection;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.DebianPackages;
import dev.runbook.testing.TestModuleContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git against a real bare repository reached by a file:// URL. */
class GitTest {
    @TempDir
    Path dir;
    Path work;
    String url;
    final Git git = new Git();

    @BeforeAll
    static void installed() {
        DebianPackages.ensure("/usr/bin/git", "git");
    }

    @BeforeEach
    void repository() throws Exception {
        Path bare = dir.resolve("shop.git");
        sh(dir, "git", "init", "-q", "--bare", "-b", "main", bare.toString());
        work = dir.resolve("work");
        sh(dir, "git", "clone", "-q", bare.toString(), work.toString());
        commit("v1");
        sh(work, "git", "tag", "-a", "-m", "release", "v1.0");
        sh(work, "git", "push", "-q", "origin", "main", "v1.0");
        url = "file://" + bare;
    }

    String commit(String content) throws Exception {
        Files.writeString(work.resolve("theme.css"), content + "\n");
        sh(work, "git", "add", "theme.css");
        sh(work, "git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", content);
        return sh(work, "git", "rev-parse", "HEAD").strip();
    }

    static String sh(Path cwd, String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + ": " + out);
        }
        return out;
    }

    ModuleResult converge(Args a, ChangeKind expected) throws Exception {
        Change plan = git.check(new TestModuleContext(new ReadOnlyConnection(new LocalConnection("localhost"))).checkMode(true), a);
        assertThat(plan.kind()).isEqualTo(expected);
        ModuleResult r = git.apply(new TestModuleContext(new LocalConnection("localhost")), a);
        assertThat(r.changed()).isEqualTo(expected != ChangeKind.NONE);
        Map<String, Object> registered = new LinkedHashMap<>(r.data());
        registered.put("changed", r.changed());
        assertThat(plan.result()).isEqualTo(registered);
        assertThat(git.apply(new TestModuleContext(new LocalConnection("localhost")), a).changed()).isFalse();
        return r;
    }

    Args args(Map<String, Object> extra) {
        Map<String, Object> raw = new LinkedHashMap<>(Map.of("repo", url, "dest", dir.resolve("checkout").toString()));
        raw.putAll(extra);
        return TestModuleContext.args(git, raw);
    }

    @Test
    void clonesUpdatesAndReportsCommitsAsThePlanPredicted() throws Exception {
        String first = sh(work, "git", "rev-parse", "HEAD").strip();
        ModuleResult cloned = converge(args(Map.of("version", "main")), ChangeKind.CREATE);
        assertThat(cloned.data()).containsEntry("before", null).containsEntry("after", first);
        Path checkout = dir.resolve("checkout");
        assertThat(Files.readString(checkout.resolve("theme.css"))).isEqualTo("v1\n");

        String second = commit("v2");
        sh(work, "git", "push", "-q", "origin", "main");
        ModuleResult updated = converge(args(Map.of("version", "main")), ChangeKind.CHANGE);
        assertThat(updated.data()).containsEntry("before", first).containsEntry("after", second);
        assertThat(Files.readString(checkout.resolve("theme.css"))).isEqualTo("v2\n");

        // a tag (annotated: its commit), then a commit id
        ModuleResult tagged = converge(args(Map.of("version", "v1.0")), ChangeKind.CHANGE);
        assertThat(tagged.data()).containsEntry("after", first);
        converge(args(Map.of("version", second)), ChangeKind.CHANGE);
        assertThat(Files.readString(checkout.resolve("theme.css"))).isEqualTo("v2\n");
    }

    @Test
    void localModificationsStopTheUpdateUnlessForced() throws Exception {
        converge(args(Map.of()), ChangeKind.CREATE);
        Path css = dir.resolve("checkout/theme.css");
        Files.writeString(css, "edited on the server\n");
        commit("v2");
        sh(work, "git", "push", "-q", "origin", "main");
        assertThatThrownBy(() -> git.apply(new TestModuleContext(new LocalConnection("localhost")), args(Map.of())))
                .isInstanceOf(ModuleException.class).hasMessageContaining("Local modifications exist");
        assertThat(Files.readString(css)).isEqualTo("edited on the server\n");
        converge(args(Map.of("force", true)), ChangeKind.CHANGE);
        assertThat(Files.readString(css)).isEqualTo("v2\n");
        assertThatThrownBy(() -> git.check(new TestModuleContext(new LocalConnection("localhost")), args(Map.of("version", "nope"))))
                .hasMessageContaining("version nope is not a branch, tag or commit");
    }
}
