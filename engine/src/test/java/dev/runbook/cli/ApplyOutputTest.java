package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What apply prints: counts instead of per-file listings unless --diff, the recap, the banner. */
class ApplyOutputTest {
    @TempDir
    Path dir;

    private Path tree(int files) throws Exception {
        Path src = dir.resolve("release");
        Files.createDirectories(src.resolve("admin"));
        for (int i = 0; i < files; i++) {
            Files.writeString(src.resolve((i % 2 == 0 ? "admin/" : "") + "file" + i + ".php"), "<?php // " + i + "\n");
        }
        return src;
    }

    private Path write(String yaml) throws Exception {
        Path f = dir.resolve("runbook.yml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void syncPrintsCountsAndItsPathsOnlyUnderDiff() throws Exception {
        tree(40);
        Path rb = write("""
                runbook: deploy
                steps:
                  code:
                    tasks:
                      - sync: {src: release, dest: "{{ dest }}", from: controller}
                """);
        Cli.Result r = Cli.run("apply", rb.toString(), "-e", "dest=" + dir.resolve("www"));
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("changed   localhost  code › sync")
                .contains("41 added, 0 updated, 0 removed in " + dir.resolve("www"));
        assertThat(r.out()).doesNotContain("+ admin/file0.php").doesNotContain("+ file1.php");
        assertThat(r.out().lines().count()).isLessThan(10);

        Files.writeString(dir.resolve("release/file1.php"), "<?php // new\n");
        Cli.Result diff = Cli.run("apply", rb.toString(), "-e", "dest=" + dir.resolve("www"), "--diff");
        assertThat(diff.out()).contains("0 added, 1 updated, 0 removed").contains("    ~ file1.php");
    }

    @Test
    void recapCountsTheTasksOfSkippedStepsAndIgnoredFailures() throws Exception {
        Path rb = write("""
                runbook: recap
                steps:
                  probe:
                    tasks:
                      - command: "false"
                        ignore_errors: true
                      - debug: {msg: hi}
                  optional:
                    needs: [probe]
                    when: false
                    tasks:
                      - debug: {msg: one}
                      - debug: {msg: two}
                      - debug: {msg: three}
                  rollback:
                    needs: [probe]
                    run: on-failure
                    tasks:
                      - debug: {msg: undo}
                      - debug: {msg: undo more}
                  partly:
                    needs: [probe]
                    tasks:
                      - debug: {msg: shown}
                      - debug: {msg: hidden}
                        when: false
                """);
        Cli.Result r = Cli.run("apply", rb.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("ignored   localhost  probe › command: false");
        assertThat(r.out()).contains("localhost  ok=2  changed=1  failed=0  skipped=6  unreachable=0  ignored=1");
    }

    @Test
    void onlyShowsTheNumberOfStepsThatRun() throws Exception {
        Path rb = write("""
                runbook: three
                steps:
                  a: {tasks: [{debug: {msg: a}}]}
                  b: {needs: [a], tasks: [{debug: {msg: b}}]}
                  c: {needs: [b], tasks: [{debug: {msg: c}}]}
                """);
        assertThat(Cli.normalised(Cli.run("apply", rb.toString(), "--only", "b").out())).startsWith("three · 1 host · 1 step · apply");
        assertThat(Cli.normalised(Cli.run("apply", rb.toString(), "--from", "b").out())).startsWith("three · 1 host · 2 steps · apply");
        assertThat(Cli.normalised(Cli.run("apply", rb.toString()).out())).startsWith("three · 1 host · 3 steps · apply");
    }
}
