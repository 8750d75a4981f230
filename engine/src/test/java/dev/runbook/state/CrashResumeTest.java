package dev.runbook.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SIGKILL a local run of three hosts at 20 points, resume it: every effect happened exactly once. */
class CrashResumeTest {
    static final List<String> HOSTS = List.of("h1", "h2", "h3");
    static CrashRig rig;
    static Map<String, List<String>> expected;
    /** task_started records of one uninterrupted run: 3 hosts x 19 (loops count once as a whole and once per item). */
    static int total;

    @BeforeAll
    static void reference() throws Exception {
        Path work = CrashRig.openDirectory("runbook-crash-");
        Path inv = work.resolve("hosts.ini");
        java.nio.file.Files.writeString(inv, "h1 ansible_connection=local\nh2 ansible_connection=local\nh3 ansible_connection=local\n");
        rig = new CrashRig(work, HOSTS, List.of("-i", inv.toString()));
        expected = rig.reference();
        total = (int) CrashRig.records(work.resolve("reference").resolve("state")).stream()
                .filter(r -> "task_started".equals(r.get("type"))).count();
    }

    static Stream<Arguments> killPoints() {
        return CrashRig.killPoints(2, 1);
    }

    @ParameterizedTest(name = "killed {0}")
    @MethodSource("killPoints")
    void resumingAKilledRunEndsAsAnUninterruptedRun(Predicate<List<Map<String, Object>>> killAt) throws Exception {
        assertThat(total).as("the reference run's task starts (kill points are spread over them)").isEqualTo(57);
        Map<String, List<String>> got = rig.killAndResume("kill-" + System.nanoTime(), killAt);
        assertThat(got).isEqualTo(expected);
    }
}
