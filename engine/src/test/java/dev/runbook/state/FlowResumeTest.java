package dev.runbook.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * apply --resume with handlers and blocks: a handler notified before the run stopped runs once
 * (not lost, not twice), a failure a rescue took over stays handled, and what ran after a failure
 * no rescue took over (always, force_handlers) runs again after the failed task does. A crash is
 * made by cutting the journal after a record and undoing what the lost records did.
 */
class FlowResumeTest {
    @TempDir
    Path dir;

    private static final String HANDLERS = """
            runbook: handlers
            steps:
              web:
                tasks:
                  - name: config
                    shell: echo config >> DIR/config
                    notify: restart
                  - name: other
                    shell: echo other >> DIR/other
                handlers:
                  - name: restart
                    shell: echo restart >> DIR/restart
            """;

    @Test
    void aHandlerNotifiedBeforeTheRunStoppedRunsOnceOnResume() throws Exception {
        Path rb = runbook(HANDLERS);
        assertThat(apply(rb).exit()).isZero();
        cutJournalAfter("\"type\":\"task_finished\"", "\"task\":\"other\"");
        Files.delete(dir.resolve("restart")); // the handler had not run yet

        Cli.Result resumed = apply(rb, "--resume");

        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        assertThat(lines("config")).as("the notifying task is restored, not run again").containsExactly("config");
        assertThat(lines("other")).containsExactly("other");
        assertThat(lines("restart")).as("its notification came back with it").containsExactly("restart");
        assertThat(resumed.out()).contains("handler  ").contains("notified by 'config'");
    }

    @Test
    void aHandlerThatRanBeforeTheRunStoppedIsNotRunAgain() throws Exception {
        Path rb = runbook(HANDLERS);
        assertThat(apply(rb).exit()).isZero();
        cutJournalAfter("\"type\":\"task_finished\"", "\"task\":\"restart\"");

        Cli.Result resumed = apply(rb, "--resume");

        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        assertThat(lines("config")).containsExactly("config");
        assertThat(lines("restart")).containsExactly("restart");
    }

    @Test
    void aRescuedFailureStaysHandledAndItsRescueIsNotRunAgain() throws Exception {
        Path rb = runbook("""
                runbook: rescued
                steps:
                  deploy:
                    tasks:
                      - block:
                          - name: try
                            shell: echo try >> DIR/try; exit 1
                        rescue:
                          - name: fallback
                            shell: echo fallback >> DIR/fallback
                        always:
                          - name: log
                            shell: echo log >> DIR/log
                  verify:
                    needs: [deploy]
                    tasks:
                      - shell: test -f DIR/fixed
                """);
        Cli.Result first = apply(rb);
        assertThat(first.exit()).as(first.out()).isEqualTo(2);
        assertThat(first.out()).contains("rescued=1");
        Files.writeString(dir.resolve("fixed"), "");

        Cli.Result resumed = apply(rb, "--resume");

        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        assertThat(lines("try")).containsExactly("try");
        assertThat(lines("fallback")).containsExactly("fallback");
        assertThat(lines("log")).containsExactly("log");
        String runId = resumed.out().replaceAll("(?s).*run (\\d{8}-\\d{6}-[0-9a-f]{4}).*", "$1");
        Cli.Result show = Cli.run("show", runId, "--state-dir", dir.resolve("state").toString());
        assertThat(show.out()).as(show.out() + show.err()).containsPattern("rescued +try ");
    }

    @Test
    void aRescuedLoopKeepsItsItemsOnResume() throws Exception {
        Path rb = runbook("""
                runbook: rescued-loop
                steps:
                  deploy:
                    tasks:
                      - block:
                          - name: items
                            shell: echo {{ item }} >> DIR/items; test {{ item }} != b
                            loop: [a, b, c]
                        rescue:
                          - name: fallback
                            shell: echo fallback >> DIR/fallback
                  verify:
                    needs: [deploy]
                    tasks:
                      - shell: test -f DIR/fixed
                """);
        assertThat(apply(rb).exit()).isEqualTo(2);
        Files.writeString(dir.resolve("fixed"), "");

        Cli.Result resumed = apply(rb, "--resume");

        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        assertThat(lines("items")).containsExactly("a", "b", "c");
        assertThat(lines("fallback")).containsExactly("fallback");
    }

    @Test
    void whatRanAfterAnUnrescuedFailureRunsAgainAfterTheFailedTask() throws Exception {
        Path rb = runbook("""
                runbook: always
                steps:
                  deploy:
                    force_handlers: true
                    tasks:
                      - name: change
                        shell: echo change >> DIR/change
                        notify: reload
                      - block:
                          - name: needs the fix
                            shell: echo attempt >> DIR/attempts; test -f DIR/fixed
                        always:
                          - name: log
                            shell: echo log >> DIR/log
                    handlers:
                      - name: reload
                        shell: echo reload >> DIR/reload
                """);
        Cli.Result first = apply(rb);
        assertThat(first.exit()).as(first.out()).isEqualTo(2);
        assertThat(lines("log")).containsExactly("log");
        assertThat(lines("reload")).as("force_handlers").containsExactly("reload");
        Files.writeString(dir.resolve("fixed"), "");

        Cli.Result resumed = apply(rb, "--resume");

        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        assertThat(lines("change")).containsExactly("change");
        assertThat(lines("attempts")).containsExactly("attempt", "attempt");
        assertThat(lines("log")).as("always runs after the block again").containsExactly("log", "log");
        assertThat(lines("reload")).as("the handler runs after the rest of the step again").containsExactly("reload", "reload");
    }

    private Path runbook(String yaml) throws Exception {
        Path rb = dir.resolve("rb.yml");
        Files.writeString(rb, yaml.replace("DIR", dir.toString()));
        return rb;
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

    /**
     * Keeps the journal up to the first record holding every one of {@code parts}: as if the run
     * died there (its process, recorded in run_started, gone).
     */
    private void cutJournalAfter(String... parts) throws Exception {
        Path journal;
        try (Stream<Path> s = Files.walk(dir.resolve("state").resolve("runs"))) {
            journal = s.filter(p -> p.getFileName().toString().equals("journal.jsonl")).findFirst().orElseThrow();
        }
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(journal)) {
            kept.add(kept.isEmpty() ? line.replaceFirst("\"pid\":\\d+", "\"pid\":2147483647") : line);
            if (Stream.of(parts).allMatch(line::contains)) {
                Files.write(journal, kept);
                return;
            }
        }
        throw new AssertionError("no record with " + List.of(parts) + " in " + journal);
    }
}
