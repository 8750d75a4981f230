package dev.runbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.testing.OpenSshHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A runbook across five real OpenSSH hosts with the inventory variables Ansible users already
 * have: every host works; then one is down and one presents a changed host key — those two are
 * UNREACHABLE with the cause in words, the others go on, and the exit status is 3.
 */
@Timeout(300)
class FleetOverSshTest {
    static OpenSshHosts hosts;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        hosts = OpenSshHosts.start(5);
        work = Files.createTempDirectory("runbook-fleet-");
        StringBuilder inv = new StringBuilder("[web]\n");
        for (int i = 0; i < hosts.size(); i++) {
            inv.append("web").append(i).append(" ansible_host=127.0.0.1 ansible_port=").append(hosts.port(i)).append('\n');
        }
        inv.append("[web:vars]\nansible_user=").append(OpenSshHosts.USER)
                .append("\nansible_ssh_private_key_file=").append(hosts.clientKey()).append('\n');
        Files.writeString(work.resolve("hosts.ini"), inv);
        Files.writeString(work.resolve("fleet.yml"), """
                runbook: fleet
                hosts: web
                steps:
                  who:
                    tasks:
                      - command: id -un
                        register: me
                        changed_when: false
                  root:
                    needs: [who]
                    become: true
                    tasks:
                      - command: id -un
                        register: root
                        changed_when: false
                      - assert:
                          that: [me.stdout == 'rbtest', root.stdout == 'root']
                """);
    }

    @AfterAll
    static void stop() {
        if (hosts != null) {
            hosts.close();
        }
    }

    private static Cli.Result apply() {
        return Cli.run("apply", work.resolve("fleet.yml").toString(), "-i", work.resolve("hosts.ini").toString(),
                "--known-hosts", hosts.knownHosts().toString());
    }

    @Test
    void fiveHostsThenOneDownAndOneWithAChangedKey() throws Exception {
        Cli.Result ok = apply();
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        for (int i = 0; i < 5; i++) {
            assertThat(ok.out()).contains("web" + i + "  ok=3  changed=0  failed=0  skipped=0  unreachable=0");
        }

        hosts.stopHost(3);
        hosts.rotateHostKey(4);
        try {
            Cli.Result r = apply();
            assertThat(r.exit()).as(r.out()).isEqualTo(3);
            assertThat(r.out()).containsPattern("UNREACHABLE  web3  .*(refused|Connection refused)");
            assertThat(r.out()).containsPattern("UNREACHABLE  web4  .*(changed|CHANGED)");
            for (int i = 0; i < 3; i++) {
                assertThat(r.out()).contains("web" + i + "  ok=3  changed=0  failed=0  skipped=0  unreachable=0");
            }
            Cli.Result off = Cli.run("apply", work.resolve("fleet.yml").toString(), "-i", work.resolve("hosts.ini").toString(),
                    "--known-hosts", hosts.knownHosts().toString(), "--limit", "web4", "--host-key-checking", "off");
            assertThat(off.exit()).as(off.out()).isZero();
            assertThat(off.out()).contains("warning: host key checking is off");
        } finally {
            hosts.startHost(3);
        }
    }
}
