package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
    @TempDir
    Path dir;

    private Path fixture() throws Exception {
        Files.writeString(dir.resolve("present.txt"), "old\n");
        Path rb = dir.resolve("plan.yml");
        Files.writeString(rb, """
                runbook: plan-fixture
                vars: {d: "%s"}
                steps:
                  files:
                    tasks:
                      - name: decided by check
                        shell: touch {{ d }}/never
                        check: "exit 1"
                      - name: new directory
                        file: {path: "{{ d }}/new", state: directory}
                      - name: existing file kept
                        file: {path: "{{ d }}/present.txt", state: file}
                      - name: file removed
                        file: {path: "{{ d }}/present.txt", state: absent}
                  commands:
                    needs: [files]
                    tasks:
                      - name: probe
                        shell: cat {{ d }}/present.txt || true
                        register: content
                      - name: uses the probe
                        shell: echo {{ content.stdout }} > {{ d }}/copy.txt
                        when: content.stdout != ''
                      - name: check after a predicted change
                        shell: touch {{ d }}/never
                        check: "exit 1"
                  later:
                    needs: [commands]
                    run: on-failure
                    tasks:
                      - debug: {msg: hi}
                """.formatted(dir.toString().replace("\\", "/")));
        return rb;
    }

    @Test
    void planShowsEveryKindAndChangesNothing() throws Exception {
        Path rb = fixture();
        Cli.Result r = Cli.run("plan", rb.toString());
        assertThat(r.exit()).isZero();
        String d = dir.toString();
        assertThat(r.out().replace(d, "DIR")).isEqualTo("""
                Planning plan-fixture on 1 host (read-only probes; nothing is changed)

                localhost
                  files
                    = decided by check  — not run: check says nothing to do
                    + new directory  — would create directory DIR/new (mode 0755)
                    = existing file kept  — DIR/present.txt is a file as wanted
                    - file removed  — would remove a file DIR/present.txt
                  commands
                    ? probe  — would run: cat DIR/present.txt || true
                    ? uses the probe  — depends on 'content', which is known only when applying
                    ? check after a predicted change  — depends on what 'files › new directory' would change first (DIR/new)
                  later: skipped — on-failure: no step it needs failed

                Plan: 1 to create, 0 to change, 1 to remove, 3 unknown, 2 unchanged, on 1 host.
                """);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("plan.yml", "present.txt");
        assertThat(Files.readString(dir.resolve("present.txt"))).isEqualTo("old\n");
    }

    @Test
    void detailedExitcodeSaysWhetherChangesArePending() throws Exception {
        Path rb = fixture();
        assertThat(Cli.run("plan", rb.toString(), "--detailed-exitcode").exit()).isEqualTo(6);
        Path quiet = dir.resolve("quiet.yml");
        Files.writeString(quiet, "runbook: q\nsteps:\n  s: {tasks: [{debug: {msg: hi}}]}\n");
        assertThat(Cli.run("plan", quiet.toString(), "--detailed-exitcode").exit()).isZero();
    }

    @Test
    void savedPlanAppliesOnlyWhileTheHostIsAsPlanned() throws Exception {
        Path rb = fixture();
        Path plan = dir.resolve("saved.json");
        assertThat(Cli.run("plan", rb.toString(), "--out", plan.toString()).exit()).isZero();
        Files.writeString(dir.resolve("present.txt"), "edited\n"); // still a file: the plan holds
        Files.createDirectory(dir.resolve("new"));                   // the host drifted
        Cli.Result stale = Cli.run("apply", rb.toString(), "--plan", plan.toString());
        assertThat(stale.exit()).isEqualTo(4);
        assertThat(stale.err().replace(dir.toString(), "DIR")).startsWith(
                "error: localhost: files › new directory changed since the plan: was + would create directory DIR/new (mode 0755), now = DIR/new is a directory as wanted\n");
        assertThat(dir.resolve("present.txt")).exists();

        Files.delete(dir.resolve("new"));
        Cli.Result ok = Cli.run("apply", rb.toString(), "--plan", plan.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(dir.resolve("new")).isDirectory();
        assertThat(dir.resolve("present.txt")).doesNotExist();
    }

    @Test
    void editedRunbookRefusesTheSavedPlan() throws Exception {
        Path rb = fixture();
        Path plan = dir.resolve("saved.json");
        Cli.run("plan", rb.toString(), "--out", plan.toString());
        Files.writeString(rb, Files.readString(rb).replace("msg: hi", "msg: hello"));
        Cli.Result r = Cli.run("apply", rb.toString(), "--plan", plan.toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("the runbook " + rb + " (or a file it includes) changed since the plan");
    }

    @Test
    void jsonOutputEndsWithTheWholePlan() throws Exception {
        Path rb = fixture();
        Cli.Result r = Cli.run("plan", rb.toString(), "--output", "json");
        assertThat(r.exit()).isZero();
        var last = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(last.get("event").asText()).isEqualTo("plan");
        assertThat(last.get("counts").get("+").asInt()).isEqualTo(1);
        assertThat(last.get("changes_pending").asBoolean()).isTrue();
        assertThat(last.get("plan").get("hosts").get("localhost").get("steps").get(0).get("tasks").get(1).get("kind").asText())
                .isEqualTo("+");
    }
}
