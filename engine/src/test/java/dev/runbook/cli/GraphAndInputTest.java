package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphAndInputTest {
    @TempDir
    Path dir;

    @Test
    void graphFormatsAreDeterministic() {
        Cli.Result text = Cli.run("graph", "../examples/dag/dag.yml");
        assertThat(text.out()).isEqualTo("""
                dag-semantics (8 steps)
                  prepare
                  fetch-a  ← prepare
                  fetch-b  ← prepare
                  combine  ← fetch-a, fetch-b
                  publish  ← combine
                  announce  ← publish
                  roll-back  ← publish  [on-failure]
                  clean-up  ← announce, roll-back  [always]
                """);
        Cli.Result mermaid = Cli.run("graph", "../examples/dag/dag.yml", "--format", "mermaid");
        assertThat(mermaid.out()).startsWith("flowchart LR\n  s0[\"prepare\"]\n").contains("  s6[\"roll-back (on-failure)\"]\n")
                .endsWith("  s5 --> s7\n  s6 --> s7\n");
        Cli.Result dot = Cli.run("graph", "../examples/dag/dag.yml", "--format", "dot");
        assertThat(dot.out()).startsWith("digraph \"dag-semantics\" {\n").contains("  \"publish\" -> \"roll-back\";\n");
        for (int i = 0; i < 3; i++) {
            assertThat(Cli.run("graph", "../examples/dag/dag.yml", "--format", "dot").out()).isEqualTo(dot.out());
        }
    }

    @Test
    void extraVarsFromFilesJsonAndKeyValues() throws Exception {
        Files.writeString(dir.resolve("vars.yml"), "greeting: Hi\nnumbers: [1, 2]\n");
        Path rb = dir.resolve("rb.yml");
        Files.writeString(rb, """
                runbook: x
                vars: {greeting: Hello, name: nobody, numbers: []}
                steps:
                  s: {tasks: [{debug: {msg: "{{ greeting }} {{ name }} {{ numbers | length }} {{ flag }}"}}]}
                """);
        Cli.Result r = Cli.run("apply", rb.toString(), "-e", "@" + dir.resolve("vars.yml"), "-e", "name=Ann flag='on top'",
                "-e", "{\"flag\": true}");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("— Hi Ann 2 True");
        Cli.Result bad = Cli.run("apply", rb.toString(), "-e", "novalue");
        assertThat(bad.exit()).isEqualTo(4);
        assertThat(bad.err()).contains("-e 'novalue' is not KEY=VALUE");
    }

    @Test
    void hugeFilesAreRefusedCleanly() throws Exception {
        Path big = dir.resolve("big.yml");
        Files.writeString(big, "runbook: big\nvars:\n  x: \"" + "a".repeat(5 * 1024 * 1024) + "\"\nsteps: {}\n");
        Cli.Result r = Cli.run("validate", big.toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("runbook files may be at most 4194304 bytes").doesNotContain("Exception");
    }
}
