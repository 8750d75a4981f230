package dev.runbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runbook.cli.Cli;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import dev.runbook.testing.Ports;

/**
 * Hosts that fail under a run, on real OpenSSH daemons: sshd killed with its children during a
 * task, a host frozen with SIGSTOP, a host restarted between two tasks. Each ends with the
 * documented outcome (docs/reliability.md), and the run never hangs.
 */
@Timeout(300)
class HostFaultsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    static FaultRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = new FaultRig(3);
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static Path runbook(Path work, String tasks) throws Exception {
        return Files.writeString(work.resolve("faults.yml"), "runbook: faults\nvars: {d: \"" + work + "\"}\n"
                + "steps:\n  work:\n    tasks:\n" + tasks.stripIndent().indent(6));
    }

    @Test
    void sshdKilledDuringATaskMakesThatHostUnreachableAndResumeChecksTheTask() throws Exception {
        Path work = rig.work("killed");
        Path rb = runbook(work, """
                - name: long job
                  shell: echo run >> {{ d }}/{{ inventory_hostname }}.runs; [ -e {{ d }}/quick ] || [ {{ inventory_hostname }} != web0 ] || sleep 120
                - name: after
                  command: touch {{ d }}/{{ inventory_hostname }}.after
                """);
        Path inv = rig.inventory(work, Map.of(), "");
        try {
            Future<Cli.Result> run = rig.applyInBackground(work, rb, inv);
            Ports.await("web0's long job to start", DEADLINE, () -> Files.exists(work.resolve("web0.runs")));
            rig.hosts.stopHost(0);
            Cli.Result r = run.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            System.out.println(r.out()); // shown in docs/reliability.md
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
            assertThat(r.out()).contains("unreachable", "web0", "may have run");
            assertThat(work.resolve("web1.after")).exists();
            assertThat(work.resolve("web2.after")).exists();
            assertThat(work.resolve("web0.after")).doesNotExist();
        } finally {
            rig.hosts.startHostIfStopped(0);
        }
        // the job may have run: a resume does not run it again on its own
        Cli.Result stopped = rig.apply(work, rb, inv, rig.hosts.knownHosts(), "--resume");
        System.out.println(stopped.err());
        assertThat(stopped.exit()).as(stopped.out() + stopped.err()).isEqualTo(4);
        assertThat(stopped.err()).contains("host web0, step 'work', task 1 'long job'", "--resume-rerun-unknown");
        assertThat(FaultRig.lines(work.resolve("web0.runs"))).hasSize(1);

        Files.writeString(work.resolve("quick"), "");
        Cli.Result resumed = rig.apply(work, rb, inv, rig.hosts.knownHosts(), "--resume", "--resume-rerun-unknown");
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        assertThat(FaultRig.lines(work.resolve("web0.runs"))).hasSize(2);
        assertThat(FaultRig.lines(work.resolve("web1.runs"))).hasSize(1); // finished hosts are not run again
        assertThat(work.resolve("web0.after")).exists();
    }

    @Test
    void aFrozenHostIsDroppedByKeepAlivesAndTheRunEnds() throws Exception {
        Path work = rig.work("frozen");
        Path rb = runbook(work, """
                - name: long job
                  shell: touch {{ d }}/{{ inventory_hostname }}.started; [ {{ inventory_hostname }} != web1 ] || sleep 120
                - name: after
                  command: touch {{ d }}/{{ inventory_hostname }}.after
                """);
        Path inv = rig.inventory(work, Map.of(), "ansible_ssh_common_args='-o ServerAliveInterval=1 -o ServerAliveCountMax=2'");
        try {
            Future<Cli.Result> run = rig.applyInBackground(work, rb, inv);
            Ports.await("web1's long job to start", DEADLINE, () -> Files.exists(work.resolve("web1.started")));
            rig.hosts.freezeHost(1);
            // the frozen command would never end: the run ends because keep-alives went unanswered
            Cli.Result r = run.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            System.out.println(r.out());
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
            assertThat(r.out()).contains("web1", "keep-alive", "may have run");
            assertThat(work.resolve("web0.after")).exists();
            assertThat(work.resolve("web2.after")).exists();
            assertThat(work.resolve("web1.after")).doesNotExist();
        } finally {
            rig.hosts.thawHost(1);
        }
    }

    @Test
    void aHostRestartedBetweenTasksIsReconnectedAndATaskCutOffIsNotRunAgain() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer barrier = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        barrier.createContext("/barrier", ex -> {
            arrived.countDown();
            try {
                release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        barrier.start();
        Path work = rig.work("restarted");
        Path rb = runbook(work, """
                - name: first
                  shell: echo first >> {{ d }}/{{ inventory_hostname }}.log
                - name: wait between tasks
                  http: {url: "http://127.0.0.1:%d/barrier", timeout: 120}
                  when: inventory_hostname == 'web0'
                - name: in flight at the drop
                  shell: echo started >> {{ d }}/{{ inventory_hostname }}.flight; sleep 120
                  when: inventory_hostname == 'web1'
                - name: last
                  shell: echo last >> {{ d }}/{{ inventory_hostname }}.log
                """.formatted(barrier.getAddress().getPort()));
        Path inv = rig.inventory(work, Map.of(), "");
        try {
            Future<Cli.Result> run = rig.applyInBackground(work, rb, inv, "--limit", "web0,web1");
            assertThat(arrived.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            Ports.await("web1's task to start", DEADLINE, () -> Files.exists(work.resolve("web1.flight")));
            // as a reboot: both daemons and every connection they serve go away, and come back on the same port
            rig.hosts.stopHost(0);
            rig.hosts.stopHost(1);
            rig.hosts.startHost(0);
            rig.hosts.startHost(1);
            release.countDown();
            Cli.Result r = run.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
            assertThat(FaultRig.lines(work.resolve("web0.log"))).containsExactly("first", "last");
            assertThat(FaultRig.lines(work.resolve("web1.log"))).containsExactly("first");
            assertThat(FaultRig.lines(work.resolve("web1.flight"))).containsExactly("started");
            assertThat(r.out()).contains("web1", "may have run");
        } finally {
            release.countDown();
            barrier.stop(0);
            rig.hosts.startHostIfStopped(0);
            rig.hosts.startHostIfStopped(1);
        }
    }
}
