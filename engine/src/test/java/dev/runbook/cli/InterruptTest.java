package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.testing.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a real runbook process: no new task starts, the always step runs, exit 5. */
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void sigtermStopsNewTasksRunsAlwaysStepsAndExitsFive() throws Exception {
        Path rb = dir.resolve("interrupt.yml");
        Files.writeString(rb, """
                runbook: interrupt
                vars: {d: "%s"}
                steps:
                  long:
                    tasks:
                      - shell: touch {{ d }}/started; sleep 2
                      - shell: touch {{ d }}/second-task
                  next:
                    needs: [long]
                    tasks:
                      - shell: touch {{ d }}/next-step
                  cleanup:
                    needs: [next]
                    run: always
                    tasks:
                      - shell: touch {{ d }}/cleaned
                """.formatted(dir));
        Process p = applyInChildJvm(rb, dir.resolve("output.txt"));
        try {
            Ports.await("the first task to start", Duration.ofSeconds(60),
                    () -> Files.exists(dir.resolve("started")));
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(dir.resolve("output.txt"));
            assertThat(p.exitValue()).as(output).isEqualTo(5);
            assertThat(dir.resolve("second-task")).doesNotExist();
            assertThat(dir.resolve("next-step")).doesNotExist();
            assertThat(dir.resolve("cleaned")).exists();
            assertThat(output).contains("interrupted");
        } finally {
            p.destroyForcibly();
        }
    }


    @Test
    void aSecondSignalAbortsTheAlwaysStepsToo() throws Exception {
        Path rb = dir.resolve("abort.yml");
        Files.writeString(rb, """
                runbook: abort
                vars: {d: "%s"}
                steps:
                  work:
                    tasks:
                      - shell: touch {{ d }}/started; sleep 1
                  cleanup:
                    needs: [work]
                    run: always
                    tasks:
                      - shell: touch {{ d }}/cleanup-started; sleep 120; touch {{ d }}/cleanup-done
                """.formatted(dir));
        Process p = applyInChildJvm(rb, dir.resolve("abort-output.txt"));
        try {
            Ports.await("the first task to start", Duration.ofSeconds(60), () -> Files.exists(dir.resolve("started")));
            p.destroy(); // first SIGTERM: the always step still runs
            Ports.await("the always step to start", Duration.ofSeconds(60), () -> Files.exists(dir.resolve("cleanup-started")));
            p.destroy(); // second SIGTERM: abort it
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the run stops well before the 120 s command would end").isTrue();
            assertThat(p.exitValue()).as(Files.readString(dir.resolve("abort-output.txt"))).isEqualTo(5);
            assertThat(dir.resolve("cleanup-done")).doesNotExist();
        } finally {
            p.destroyForcibly();
        }
    }

    /** `runbook apply RUNBOOK` in its own JVM, so signals reach it and not the test. */
    private static Process applyInChildJvm(Path runbook, Path output) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "apply", runbook.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }
}
