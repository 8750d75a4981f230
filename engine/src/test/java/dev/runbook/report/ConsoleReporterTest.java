package dev.runbook.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.event.RunEvent;
import dev.runbook.event.StepStatus;
import dev.runbook.event.TaskOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {
    private static final Instant T = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void manyHostsOnATerminalGetALiveStatusPerStepAndStillSeeFailures() {
        StringWriter s = new StringWriter();
        ConsoleReporter r = new ConsoleReporter(new PrintWriter(s), false, true, false);
        List<String> hosts = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            hosts.add("web" + i);
        }
        r.on(new RunEvent.RunStarted(T, "id", "upgrade", RunEvent.Mode.APPLY, hosts, List.of("backup", "upgrade")));
        Map<String, RunEvent.HostRecap> recap = new LinkedHashMap<>();
        for (String h : hosts) {
            r.on(new RunEvent.StepStarted(T, h, "backup"));
            TaskOutcome o = h.equals("web3") ? new TaskOutcome.Failed("disk full", Map.of(), false)
                    : new TaskOutcome.Ok(true, "", Map.of(), null);
            r.on(new RunEvent.TaskFinished(T, h, "backup", 0, "Dump", null, o, Duration.ofMillis(5)));
            r.on(new RunEvent.StepFinished(T, h, "backup", h.equals("web3") ? StepStatus.FAILED : StepStatus.CHANGED, null, Duration.ofMillis(5)));
            recap.put(h, new RunEvent.HostRecap(0, h.equals("web3") ? 0 : 1, h.equals("web3") ? 1 : 0, 0, 0));
        }
        r.on(new RunEvent.RunFinished(T, "id", 2, recap, Duration.ofSeconds(2), false));
        String out = s.toString();
        assertThat(out).contains("failed    web3  backup › Dump").contains("disk full");
        assertThat(out).doesNotContain("changed   web1  backup › Dump");
        assertThat(out).contains("  backup   ████████████████████  8/8  failed 1");
        assertThat(out).contains("web3  ok=0  changed=0  failed=1");
    }

    @Test
    void fewHostsOrNoTerminalGetOneLinePerTask() {
        StringWriter s = new StringWriter();
        ConsoleReporter r = new ConsoleReporter(new PrintWriter(s), false, false, false);
        List<String> hosts = List.of("a", "b", "c", "d", "e", "f", "g");
        r.on(new RunEvent.RunStarted(T, "id", "x", RunEvent.Mode.APPLY, hosts, List.of("s")));
        for (String h : hosts) {
            r.on(new RunEvent.TaskFinished(T, h, "s", 0, "t", null, new TaskOutcome.Ok(false, "", Map.of(), null), Duration.ofMillis(3)));
        }
        assertThat(s.toString().lines().filter(l -> l.startsWith("ok"))).hasSize(7);
        assertThat(s.toString()).doesNotContain("█");
    }
}
