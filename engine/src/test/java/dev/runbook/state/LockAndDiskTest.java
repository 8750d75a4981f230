package dev.runbook.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.state.local.LocalRunStore;
import dev.runbook.testing.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run lock between real processes, a lock left by a killed one, and a journal that cannot grow. */
class LockAndDiskTest {
    @TempDir
    Path dir;

    private Path runbook(String yaml) throws Exception {
        Path rb = dir.resolve("rb.yml");
        Files.writeString(rb, yaml.replace("DIR", dir.toString()));
        return rb;
    }

    @Test
    void aSecondApplyFailsNamingTheHolderAndALockLeftByAKilledProcessIsTakenOver() throws Exception {
        Path rb = runbook("""
                runbook: locked
                steps:
                  s:
                    tasks:
                      - shell: touch DIR/started; sleep 600
                """);
        Path state = dir.resolve("state");
        Process holder = Child.start(dir.resolve("holder.out"), "apply", rb.toString(), "--state-dir", state.toString());
        try {
            Ports.await("the first apply's task to start", Duration.ofSeconds(60), () -> Files.exists(dir.resolve("started")));

            Cli.Result second = Cli.run("apply", rb.toString(), "--state-dir", state.toString());
            assertThat(second.exit()).isEqualTo(4);
            assertThat(second.err()).contains("another apply of " + rb.toAbsolutePath() + " is running: pid " + holder.pid())
                    .contains("user " + System.getProperty("user.name")).contains("nothing was run");
            Cli.Result plan = Cli.run("plan", rb.toString(), "--state-dir", state.toString());
            assertThat(plan.exit()).as("plans take no lock: " + plan.err()).isNotEqualTo(4);

            holder.destroyForcibly(); // SIGKILL: the lock file still names the dead holder
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Files.writeString(rb, Files.readString(rb).replace("sleep 600", "true"));

            Cli.Result after = Cli.run("apply", rb.toString(), "--state-dir", state.toString());
            assertThat(after.exit()).as(after.out() + after.err()).isZero();
            assertThat(after.err()).contains("took over the lock of a run that is no longer running (pid " + holder.pid());
        } finally {
            holder.destroyForcibly();
            Child.stopLeftBehind(dir.resolve("holder.out")); // the orphaned sleep 600
        }
    }

    @Test
    void aJournalThatCannotGrowStopsTheRunBeforeAnyUnrecordedTask() throws Exception {
        Path rb = runbook("""
                runbook: full
                steps:
                  s:
                    tasks:
                      - name: counted
                        shell: echo {{ item }} >> DIR/count; head -c 2000 /dev/zero | tr '\\\\0' x
                        loop: "{{ range(0, 200) | list }}"
                """);
        Path state = dir.resolve("state");
        Path out = dir.resolve("full.out");
        // A file-size limit of 64 KiB for the engine's process: writes past it fail with EFBIG, as on a full disk.
        Process p = Child.limited(out, "ulimit -f 64", "apply", rb.toString(), "--state-dir", state.toString());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(out);
        assertThat(p.exitValue()).as(output).isEqualTo(7);
        assertThat(output).contains("the run stopped: cannot write the journal").contains("File too large")
                .contains("no task was started that the journal could not record");

        String id = new LocalRunStore(state, w -> { }).list().get(0);
        List<Map<String, Object>> records = new LocalRunStore(state, w -> { }).read(id, w -> { });
        long started = records.stream().filter(r -> "task_started".equals(r.get("type")) && ((Number) r.get("item_index")).intValue() >= 0).count();
        List<String> ran = Files.readAllLines(dir.resolve("count"));
        assertThat(ran.size()).as("some items ran before the limit was reached").isBetween(1, 199);
        assertThat((long) ran.size()).as("every item that ran had its start recorded first").isEqualTo(started);
    }
}
