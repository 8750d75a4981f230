package dev.runbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.cli.Cli;
import dev.runbook.testing.OpenSshHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * setup, wait_for_connection, mount and sysctl over the real OpenSSH test hosts with sudo: a tmpfs
 * mounted from a test-owned fstab and a sysctl file in a scratch directory (nothing of the
 * machine's own settings is touched); plan, apply, apply again, plan again.
 */
@Timeout(300)
class HostModulesOnOpenSshHostsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static OpenSshHosts hosts;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        hosts = OpenSshHosts.start(1);
        work = Files.createTempDirectory("runbook-hostmods-ssh-");
        work.toFile().setReadable(true, false);
        work.toFile().setExecutable(true, false);
        Files.writeString(work.resolve("hosts.ini"), "h0 ansible_host=127.0.0.1 ansible_port=" + hosts.port(0) + " ansible_user="
                + OpenSshHosts.USER + " ansible_ssh_private_key_file=" + hosts.clientKey() + " dir=" + work + "\n");
        Files.writeString(work.resolve("runbook.yml"), """
                runbook: host-modules-openssh
                steps:
                  facts:
                    gather_facts: true
                    gather_subset: [min, hardware]
                    tasks:
                      - assert:
                          that:
                            - ansible_user_id == "rbtest"
                            - ansible_facts.os_family == ansible_os_family
                            - ansible_memtotal_mb > 0
                            - ansible_default_ipv4 is not defined
                      - name: the host answers
                        wait_for_connection: {timeout: 10}
                  scratch:
                    needs: [facts]
                    become: true
                    tasks:
                      - name: tmpfs from a private fstab
                        ansible.posix.mount: {path: "{{ dir }}/mnt", src: tmpfs, fstype: tmpfs, opts: size=1m, state: mounted,
                                              fstab: "{{ dir }}/fstab"}
                      - name: a sysctl file, not loaded
                        ansible.posix.sysctl: {name: vm.swappiness, value: 10, sysctl_file: "{{ dir }}/sysctl.conf", reload: false}
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        if (work != null && Files.readString(Path.of("/proc/self/mounts")).contains(" " + work + "/mnt ")) {
            new ProcessBuilder("umount", work + "/mnt").inheritIO().start().waitFor();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    private static Map<String, String> outcomes(String command) throws Exception {
        Cli.Result r = Cli.run(command, work.resolve("runbook.yml").toString(), "-i", work.resolve("hosts.ini").toString(),
                "--known-hosts", hosts.knownHosts().toString(), "--output", "json");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : r.out().lines().toList()) {
            JsonNode e = JSON.readTree(line);
            if (e.get("event").asText().equals("task_finished") && e.get("item").isNull()) {
                out.put(e.get("step").asText() + "/" + e.get("index").asInt(), e.get("outcome").get("status").asText());
            }
        }
        return out;
    }

    @Test
    void planApplyApplyPlan() throws Exception {
        assertThat(outcomes("plan")).containsEntry("facts/0", "=").containsEntry("facts/1", "=").containsEntry("facts/2", "=")
                .containsEntry("scratch/0", "~").containsEntry("scratch/1", "~");
        assertThat(outcomes("apply")).containsEntry("facts/0", "ok").containsEntry("facts/1", "ok").containsEntry("facts/2", "ok")
                .containsEntry("scratch/0", "changed").containsEntry("scratch/1", "changed");
        assertThat(outcomes("apply")).containsEntry("scratch/0", "ok").containsEntry("scratch/1", "ok");
        assertThat(outcomes("plan")).containsEntry("scratch/0", "=").containsEntry("scratch/1", "=");
        assertThat(Files.readString(work.resolve("fstab"))).isEqualTo("tmpfs " + work + "/mnt tmpfs size=1m 0 0\n");
        assertThat(Files.readString(work.resolve("sysctl.conf"))).isEqualTo("vm.swappiness=10\n");
        assertThat(Files.readString(Path.of("/proc/self/mounts"))).contains("tmpfs " + work + "/mnt tmpfs");
    }
}
