package dev.runbook.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What --resume refuses and decides: edits, --force, an in-flight bare command, serial batches, secrets. */
class ResumeDecisionsTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text.replace("DIR", dir.toString()));
        return p;
    }

    private Cli.Result apply(Path rb, String... more) {
        List<String> args = new ArrayList<>(List.of("apply", rb.toString(), "--state-dir", dir.resolve("state").toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private List<String> lines(String file) throws Exception {
        Path p = dir.resolve(file);
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    private static final String THREE = """
            runbook: edits
            steps:
              s:
                tasks:
                  - shell: echo a >> DIR/count
                  - shell: echo b >> DIR/count
                  - shell: test -f DIR/fixed && echo c >> DIR/count
              t:
                needs: [s]
                tasks:
                  - shell: echo d >> DIR/count
            """;

    @Test
    void anEditedRunbookIsRefusedNamingTheFileAndForceRunsTheChangedTaskAndEverythingAfter() throws Exception {
        Path rb = write("rb.yml", THREE);
        assertThat(apply(rb).exit()).isEqualTo(2);
        write("rb.yml", THREE.replace("echo b >>", "echo B >>"));
        Files.writeString(dir.resolve("fixed"), "");

        Cli.Result refused = apply(rb, "--resume");
        assertThat(refused.exit()).isEqualTo(4);
        assertThat(refused.err()).contains("cannot be resumed: runbook file " + rb.toAbsolutePath() + " was edited since it ran")
                .contains("--force").contains("nothing was run");
        assertThat(lines("count")).containsExactly("a", "b");

        Cli.Result forced = apply(rb, "--resume", "--force");
        assertThat(forced.exit()).as(forced.out() + forced.err()).isZero();
        assertThat(forced.err()).contains("although runbook file").contains("(--force)");
        assertThat(lines("count")).as("a is done; b changed, so it and everything after it runs").containsExactly("a", "b", "B", "c", "d");
    }

    @Test
    void anEditedInventoryIsRefused() throws Exception {
        Path inv = write("inv/hosts.ini", "web1 ansible_connection=local\n");
        write("inv/group_vars/all.yml", "colour: blue\n");
        Path rb = write("rb.yml", """
                runbook: inv
                steps:
                  s:
                    tasks:
                      - shell: test -f DIR/fixed && echo {{ colour }} >> DIR/count
                """);
        assertThat(apply(rb, "-i", inv.toString()).exit()).isEqualTo(2);
        write("inv/group_vars/all.yml", "colour: red\n");
        Files.writeString(dir.resolve("fixed"), "");

        Cli.Result refused = apply(rb, "--resume");
        assertThat(refused.exit()).isEqualTo(4);
        assertThat(refused.err()).contains("inventory file " + dir.resolve("inv/group_vars/all.yml") + " was edited");
        Cli.Result otherInventory = apply(rb, "--resume", "-i", write("other.ini", "x ansible_connection=local\n").toString());
        assertThat(otherInventory.exit()).isEqualTo(4);
        assertThat(otherInventory.err()).contains("--resume continues the run with its own -i (" + inv.toAbsolutePath() + ")");
        assertThat(apply(rb, "--resume", "--force").exit()).isZero();
        assertThat(lines("count")).containsExactly("red");
    }

    @Test
    void aBareCommandInFlightStopsTheResumeUntilTheOperatorSaysRunItAgain() throws Exception {
        Path rb = write("rb.yml", """
                runbook: inflight
                steps:
                  s:
                    tasks:
                      - shell: echo before >> DIR/count
                      - name: migrate
                        shell: echo migrate >> DIR/count; touch DIR/started; sleep 600
                      - shell: echo after >> DIR/count
                """);
        Process p = Child.start(dir.resolve("child.out"), "apply", rb.toString(), "--state-dir", dir.resolve("state").toString());
        try {
            dev.runbook.testing.Ports.await("the command to start", Duration.ofSeconds(60), () -> Files.exists(dir.resolve("started")));
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
            Child.stopLeftBehind(dir.resolve("child.out")); // the orphaned sleep 600
        }
        Files.writeString(rb, Files.readString(rb).replace("sleep 600", "true"));
        Cli.Result stopped = apply(rb, "--resume", "--force");
        assertThat(stopped.exit()).isEqualTo(4);
        assertThat(stopped.err()).contains("stopped while a command was running that cannot tell whether it finished: "
                + "host localhost, step 's', task 2 'migrate'").contains("--resume-rerun-unknown");
        assertThat(lines("count")).containsExactly("before", "migrate");

        Cli.Result rerun = apply(rb, "--resume", "--force", "--resume-rerun-unknown");
        assertThat(rerun.exit()).as(rerun.out() + rerun.err()).isZero();
        assertThat(lines("count")).containsExactly("before", "migrate", "migrate", "after");
    }

    @Test
    void aReadOnlyCommandInFlightRunsAgainOnResume() throws Exception {
        Path rb = write("rb.yml", """
                runbook: inflight-read
                steps:
                  s:
                    tasks:
                      - shell: echo before >> DIR/count
                      - name: read the state
                        shell: cat DIR/count; touch DIR/started; while [ ! -f DIR/go ]; do sleep 0.1; done
                        register: state
                        check_mode: false
                        changed_when: false
                      - shell: echo "after {{ state.stdout_lines | length }}" >> DIR/count
                """);
        Process p = Child.start(dir.resolve("child.out"), "apply", rb.toString(), "--state-dir", dir.resolve("state").toString());
        try {
            dev.runbook.testing.Ports.await("the command to start", Duration.ofSeconds(60), () -> Files.exists(dir.resolve("started")));
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
            Child.stopLeftBehind(dir.resolve("child.out")); // the orphaned wait loop
        }
        Files.writeString(dir.resolve("go"), "");
        Cli.Result resumed = apply(rb, "--resume");
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).containsPattern("ok +localhost +s › read the state");
        assertThat(lines("count")).containsExactly("before", "after 1");
    }

    @Test
    void resumeAcrossSerialBatchesRunsTheFailedHostAgainAndTheHostsNeverStarted() throws Exception {
        Path inv = write("hosts.ini", "h1 ansible_connection=local\nh2 ansible_connection=local\nh3 ansible_connection=local\n");
        Path rb = write("rb.yml", """
                runbook: batches
                serial: 1
                steps:
                  s:
                    tasks:
                      - shell: echo {{ inventory_hostname }}-one >> DIR/count
                      - shell: test {{ inventory_hostname }} != h2 -o -f DIR/fixed
                      - shell: echo {{ inventory_hostname }}-two >> DIR/count
                """);
        Cli.Result first = apply(rb, "-i", inv.toString());
        assertThat(first.exit()).isEqualTo(2);
        assertThat(first.out()).contains("later batches were not started");
        assertThat(lines("count")).containsExactly("h1-one", "h1-two", "h2-one");
        Files.writeString(dir.resolve("fixed"), "");

        Cli.Result resumed = apply(rb, "--resume");
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        assertThat(lines("count")).containsExactly("h1-one", "h1-two", "h2-one", "h2-two", "h3-one", "h3-two");
    }

    @Test
    void secretsNeverReachTheStateDirectory() throws Exception {
        Path inv = write("hosts.ini", "web ansible_connection=local ansible_become_password=Inv3ntoryS3cret\n");
        Path rb = write("rb.yml", """
                runbook: secrets
                steps:
                  s:
                    tasks:
                      - name: hidden
                        shell: echo "{{ api_token }}"
                        register: hidden
                        no_log: true
                      - shell: echo "become is {{ ansible_become_password }}"
                      - shell: test -f DIR/fixed
                """);
        Cli.Result first = apply(rb, "-i", inv.toString(), "-e", "api_token=T0kenValue42 plain=visible");
        assertThat(first.exit()).as(first.out() + first.err()).isEqualTo(2);
        Files.writeString(dir.resolve("fixed"), "");

        Cli.Result withoutSecret = apply(rb, "--resume");
        assertThat(withoutSecret.exit()).isEqualTo(4);
        assertThat(withoutSecret.err()).contains("secret extra vars that are not kept on disk: api_token");
        Cli.Result resumed = apply(rb, "--resume", "-e", "api_token=T0kenValue42");
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();

        List<Path> files;
        try (Stream<Path> s = Files.walk(dir.resolve("state"))) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        boolean sawPlain = false;
        for (Path f : files) {
            String text = Files.readString(f);
            assertThat(text).as(f.toString()).doesNotContain("T0kenValue42").doesNotContain("Inv3ntoryS3cret");
            sawPlain |= text.contains("visible");
        }
        assertThat(sawPlain).as("the journal does record the run's other extra vars").isTrue();
    }
}
