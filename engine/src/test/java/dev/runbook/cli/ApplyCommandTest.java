package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as users see it: exit codes and exact output (timings and run ids normalised). */
class ApplyCommandTest {
    @TempDir
    Path dir;

    @Test
    void helloRunsAndASecondApplyChangesNothing() {
        Path work = dir.resolve("work");
        String kernel = Cli.run("apply", "../examples/hello/hello.yml", "-e", "workdir=" + work).out();
        assertThat(Cli.normalised(kernel)).startsWith("""
                hello · 1 host · 3 steps · apply · run ID
                changed   localhost  prepare › Make a scratch directory  T
                ok        localhost  greet › Say hello  T  — Hello from localhost
                ok        localhost  greet › Ask the machine who it is  T
                changed   localhost  greet › Write a note  T
                ok        localhost  report › Show what was written  T
                ok        localhost  report › debug  T  — note.stdout = Hello, Linux""");
        assertThat(Cli.normalised(kernel)).endsWith("""

                Recap
                  localhost  ok=4  changed=2  failed=0  skipped=0  unreachable=0  ignored=0
                hello: 1 host in T — ok
                """);
        Cli.Result again = Cli.run("apply", "../examples/hello/hello.yml", "-e", "workdir=" + work);
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("localhost  ok=6  changed=0  failed=0");
    }

    @Test
    void dagExampleFailsWithExitTwoAndShowsSkipsWithTheirReason() {
        Cli.Result r = Cli.run("apply", "../examples/dag/dag.yml", "-e", "work=" + dir);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(Cli.normalised(r.out())).contains("""
                failed    localhost  publish › Publish (fails unless publish_ok)  T
                    non-zero exit code 1
                skipped   localhost  announce  — needs 'publish', which failed
                """);
        assertThat(r.out()).contains("roll-back › Undo the publish").contains("clean-up › Remove the parts");
        Cli.Result ok = Cli.run("apply", "../examples/dag/dag.yml", "-e", "work=" + dir, "-e", "publish_ok=true");
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains("skipped   localhost  roll-back  — on-failure: no step it needs failed");
    }

    @Test
    void jsonOutputIsOneEventPerLine() throws Exception {
        Cli.Result r = Cli.run("apply", "../examples/hello/hello.yml", "-e", "workdir=" + dir, "--output", "json");
        assertThat(r.exit()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<String> lines = r.out().lines().toList();
        List<String> kinds = lines.stream().map(l -> {
            try {
                return String.valueOf(json.readValue(l, Map.class).get("event"));
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
        assertThat(kinds.get(0)).isEqualTo("run_started");
        assertThat(kinds.get(kinds.size() - 1)).isEqualTo("run_finished");
        assertThat(kinds).contains("task_finished", "step_finished");
        @SuppressWarnings("unchecked")
        Map<String, Object> last = json.readValue(lines.get(lines.size() - 1), Map.class);
        assertThat(last.get("exit_code")).isEqualTo(0);
    }

    @Test
    void badArgumentsExitFourWithoutRunning() {
        Cli.Result r = Cli.run("apply", "../examples/hello/hello.yml", "--only", "gret", "-e", "workdir=" + dir);
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("error: --only names unknown step 'gret' — did you mean 'greet'?\n1 error; nothing was run\n");
        assertThat(dir).isEmptyDirectory();
        Cli.Result bad = Cli.run("apply", "../examples/hello/hello.yml", "--forks", "many");
        assertThat(bad.exit()).isEqualTo(4);
    }

    @Test
    void helpListsTheExitCodes() {
        Cli.Result r = Cli.run("apply", "--help");
        assertThat(r.out()).contains("Exit codes:").contains("4   the runbook, inventory or arguments are invalid; nothing was run")
                .contains("5   interrupted (Ctrl-C or SIGTERM)");
    }

    @Test
    void limitNarrowsTheInventory() throws Exception {
        Path inv = dir.resolve("hosts.ini");
        Files.writeString(inv, """
                [web]
                web1 ansible_connection=local
                web2 ansible_connection=local
                [db]
                db1 ansible_connection=local
                """);
        Path rb = dir.resolve("rb.yml");
        Files.writeString(rb, """
                runbook: limited
                hosts: web:db
                steps:
                  s: {tasks: [{debug: {msg: "{{ inventory_hostname }} in {{ group_names | join(',') }}"}}]}
                """);
        Cli.Result r = Cli.run("apply", rb.toString(), "-i", inv.toString(), "--limit", "web2:db1");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("web2  s › debug").contains("— web2 in web").contains("— db1 in db")
                .doesNotContain("web1");
    }
}
