package dev.runbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.testing.OpenSshHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a run holds is bounded by what is in flight, not by the inventory: over real SSH, 40
 * inventory hosts with {@code --forks 4} never have more than 4 connections (each one sshj
 * reader and one keep-alive thread) nor more than a few threads per host in flight, and none is
 * left when the run ends.
 */
@Timeout(300)
class HostsInFlightTest {
    private static final int HOSTS = 40;
    private static final int FORKS = 4;
    static FaultRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = new FaultRig(1);
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void connectionsAndThreadsFollowTheHostsInFlightNotTheInventory() throws Exception {
        Path work = rig.work("in-flight");
        StringBuilder ini = new StringBuilder("[web]\n");
        for (int i = 0; i < HOSTS; i++) {
            ini.append("web").append(i).append(" ansible_host=127.0.0.1 ansible_port=").append(rig.hosts.port(0)).append('\n');
        }
        ini.append("[web:vars]\nansible_user=").append(OpenSshHosts.USER)
                .append("\nansible_ssh_private_key_file=").append(rig.hosts.clientKey()).append('\n');
        Path inv = Files.writeString(work.resolve("hosts.ini"), ini.toString());
        Path rb = Files.writeString(work.resolve("many.yml"), """
                runbook: many
                vars: {d: "%s"}
                steps:
                  one:
                    tasks:
                      - command: "true"
                      - command: "true"
                  two:
                    tasks:
                      - command: "true"
                      - command: touch {{ d }}/{{ inventory_hostname }}
                """.formatted(work));
        Map<String, Integer> most = new ConcurrentHashMap<>();
        Future<Cli.Result> run = rig.applyInBackground(work, rb, inv, "--forks", String.valueOf(FORKS));
        while (!run.isDone()) {
            Map<String, Integer> now = new java.util.HashMap<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                now.merge(kind(t.getName()), 1, Integer::sum);
            }
            now.forEach((k, v) -> most.merge(k, v, Math::max));
            Thread.onSpinWait();
        }
        Cli.Result r = run.get(1, TimeUnit.SECONDS);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        for (int i = 0; i < HOSTS; i++) {
            assertThat(work.resolve("web" + i)).exists();
        }
        assertThat(most.get("sshj-reader")).isBetween(1, FORKS);
        assertThat(most.get("sshj-keepalive")).isBetween(1, FORKS);
        // per host in flight: its walk and one per step running at once (3); pooled threads that
        // just finished a host may linger a moment while the next host starts on a new one
        assertThat(most.get("runbook")).isLessThanOrEqualTo(FORKS * 4).isLessThan(HOSTS);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            assertThat(kind(t.getName())).as(t.getName()).isNotIn("sshj-reader", "sshj-keepalive");
        }
    }

    private static String kind(String thread) {
        if (thread.startsWith("sshj-Reader")) {
            return "sshj-reader";
        }
        if (thread.startsWith("sshj-KeepAlive")) {
            return "sshj-keepalive";
        }
        return thread.startsWith("runbook-") ? "runbook" : "other";
    }
}
