package dev.runbook.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.testing.OpenSshHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The crash test over three real OpenSSH hosts: SIGKILL the engine at 20 points, resume,
 * compare with an uninterrupted run. Also: a host unreachable in the run is resumed once back.
 */
class CrashResumeOverSshTest {
    static final List<String> HOSTS = List.of("web0", "web1", "web2");
    static OpenSshHosts hosts;
    static Path work;
    static Path inventory;
    static CrashRig rig;
    static Map<String, List<String>> expected;

    @BeforeAll
    static void start() throws Exception {
        hosts = OpenSshHosts.start(3);
        work = CrashRig.openDirectory("runbook-crash-ssh-");
        StringBuilder inv = new StringBuilder("[web]\n");
        for (int i = 0; i < hosts.size(); i++) {
            inv.append("web").append(i).append(" ansible_host=127.0.0.1 ansible_port=").append(hosts.port(i)).append('\n');
        }
        inv.append("[web:vars]\nansible_user=").append(OpenSshHosts.USER)
                .append("\nansible_ssh_private_key_file=").append(hosts.clientKey()).append('\n');
        inventory = work.resolve("hosts.ini");
        Files.writeString(inventory, inv);
        rig = new CrashRig(work, HOSTS, List.of("-i", inventory.toString(), "--known-hosts", hosts.knownHosts().toString()));
        expected = rig.reference();
    }

    @AfterAll
    static void stop() {
        if (hosts != null) {
            hosts.close();
        }
    }

    static Stream<Arguments> killPoints() {
        return CrashRig.killPoints(3, 0);
    }

    @ParameterizedTest(name = "killed {0}")
    @MethodSource("killPoints")
    void resumingAKilledRunEndsAsAnUninterruptedRun(Predicate<List<Map<String, Object>>> killAt) throws Exception {
        assertThat(rig.killAndResume("kill-" + System.nanoTime(), killAt)).isEqualTo(expected);
    }

    @Test
    void aHostUnreachableInTheRunIsResumedOnceItIsBack() throws Exception {
        Path base = CrashRig.openDirectory("runbook-unreachable-");
        Path rb = base.resolve("rb.yml");
        Files.writeString(rb, """
                runbook: back
                steps:
                  s:
                    tasks:
                      - shell: echo {{ inventory_hostname }}-one >> BASE/{{ inventory_hostname }}
                      - shell: echo {{ inventory_hostname }}-two >> BASE/{{ inventory_hostname }}
                """.replace("BASE", base.toString()));
        String state = base.resolve("state").toString();
        hosts.stopHost(1);
        try {
            Cli.Result first = Cli.run("apply", rb.toString(), "-i", inventory.toString(), "--known-hosts",
                    hosts.knownHosts().toString(), "--state-dir", state);
            assertThat(first.exit()).as(first.out() + first.err()).isEqualTo(3);
        } finally {
            hosts.startHost(1);
        }
        Cli.Result resumed = Cli.run("apply", rb.toString(), "--known-hosts", hosts.knownHosts().toString(),
                "--state-dir", state, "--resume");
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        for (String h : HOSTS) {
            assertThat(Files.readAllLines(base.resolve(h))).as(h).containsExactly(h + "-one", h + "-two");
        }
        assertThat(resumed.out()).contains("done      web0").contains("done      web2");
    }
}
