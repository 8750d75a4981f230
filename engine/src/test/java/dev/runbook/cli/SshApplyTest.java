package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.testing.OpenSshHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `runbook plan` and `runbook apply` over SSH to two real sshd hosts, with become. */
@Timeout(180)
class SshApplyTest {
    static OpenSshHosts hosts;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        hosts = OpenSshHosts.start(2);
    }

    @AfterAll
    static void stop() {
        hosts.close();
    }

    private Path inventory() throws Exception {
        StringBuilder ini = new StringBuilder("[web]\n");
        for (int i = 0; i < 2; i++) {
            ini.append("web").append(i + 1).append(" ansible_host=127.0.0.1 ansible_port=").append(hosts.port(i))
                    .append(" ansible_user=").append(OpenSshHosts.USER)
                    .append(" ansible_ssh_private_key_file=").append(hosts.clientKey()).append('\n');
        }
        return Files.writeString(dir.resolve("hosts.ini"), ini.toString());
    }

    @Test
    void planChangesNothingAndApplyWritesAsRootOnBothHosts() throws Exception {
        Path target = Files.createTempDirectory("runbook-ssh-apply");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        Path runbook = Files.writeString(dir.resolve("site.yml"), String.join("\n",
                "runbook: site",
                "steps:",
                "  deploy:",
                "    become: true",
                "    tasks:",
                "      - name: Who am I",
                "        command: id -un",
                "        register: who",
                "        changed_when: false",
                "      - name: Config file",
                "        copy:",
                "          content: \"user={{ who.stdout }} host={{ inventory_hostname }}\\n\"",
                "          dest: " + target + "/{{ inventory_hostname }}.conf",
                "          mode: \"0640\"",
                ""));
        String[] common = {runbook.toString(), "-i", inventory().toString(), "--known-hosts",
            hosts.knownHosts().toString(), "--state-dir", dir.resolve("state").toString()};
        Cli.Result plan = Cli.run(concat("plan", common));
        assertThat(plan.exit()).as(plan.out() + plan.err()).isIn(0, 2);
        try (var files = Files.list(target)) {
            assertThat(files).isEmpty();
        }
        Cli.Result apply = Cli.run(concat("apply", common));
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        for (String host : new String[] {"web1", "web2"}) {
            Path conf = target.resolve(host + ".conf");
            assertThat(Files.readString(conf)).isEqualTo("user=root host=" + host + "\n");
            assertThat(Files.getOwner(conf).getName()).isEqualTo("root");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conf))).isEqualTo("rw-r-----");
        }
    }

    @Test
    void anUnknownHostKeyIsReportedWithTheWayToAcceptIt() throws Exception {
        Path runbook = Files.writeString(dir.resolve("ping.yml"), String.join("\n",
                "runbook: ping", "steps:", "  ping:", "    tasks:", "      - command: 'true'", ""));
        Cli.Result r = Cli.run("apply", runbook.toString(), "-i", inventory().toString(), "--known-hosts",
                dir.resolve("empty_known_hosts").toString(), "--state-dir", dir.resolve("state").toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.out() + r.err()).contains("web1", "SHA256:", "--host-key-checking=accept-new")
                .doesNotContain("Exception");
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
