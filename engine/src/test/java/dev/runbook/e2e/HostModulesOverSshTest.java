package dev.runbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.cli.Cli;
import dev.runbook.testing.SystemdContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The host modules as a role uses them (fully qualified names, gather_facts, facts in conditions)
 * on a real Debian machine running systemd, over real OpenSSH: the plan predicts, apply does
 * exactly that, a second apply changes nothing and a last plan has nothing left to do.
 */
@Timeout(600)
class HostModulesOverSshTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static SystemdContainer box;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        box = SystemdContainer.start();
        work = Files.createTempDirectory("runbook-hostmods-");
        Files.writeString(work.resolve("hosts.ini"), "[boxes]\nbox ansible_host=127.0.0.1 ansible_port=" + box.port()
                + " ansible_user=root ansible_ssh_private_key_file=" + box.clientKey() + " new_name=shop-web-01\n");
        Files.copy(Path.of("src/test/resources/e2e/host-modules.yml"), work.resolve("host-modules.yml"));
    }

    @AfterAll
    static void stop() {
        if (box != null) {
            box.close();
        }
    }

    private static Cli.Result run(String command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command, work.resolve("host-modules.yml").toString(),
                "-i", work.resolve("hosts.ini").toString(), "--known-hosts", box.knownHosts().toString(), "--output", "json"));
        return Cli.run(args.toArray(String[]::new));
    }

    /** step/index task -> outcome status. */
    private static Map<String, String> outcomes(Cli.Result r) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : r.out().lines().toList()) {
            JsonNode e = JSON.readTree(line);
            if (e.get("event").asText().equals("task_finished") && e.get("item").isNull()) {
                out.put(e.get("step").asText() + "/" + e.get("index").asInt() + " " + e.get("task").asText(),
                        e.get("outcome").get("status").asText());
            }
        }
        return out;
    }

    @Test
    void planPredictsApplyDoesItAndTheSecondRunChangesNothing() throws Exception {
        Cli.Result plan = run("plan");
        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
        Map<String, String> predicted = outcomes(plan);
        assertThat(predicted).containsEntry("identity/0 host name", "~").containsEntry("identity/1 time zone", "~")
                .containsEntry("kernel/0 forwarding on", "~").containsEntry("storage/0 cache on tmpfs", "~");

        Cli.Result apply = run("apply");
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        Map<String, String> applied = outcomes(apply);
        assertThat(applied.keySet()).isEqualTo(predicted.keySet());
        predicted.forEach((task, kind) -> {
            String did = applied.get(task);
            switch (kind) {
                case "+", "~", "-" -> assertThat(did).as(task + " was predicted " + kind).isEqualTo("changed");
                case "=" -> assertThat(did).as(task + " was predicted unchanged").isIn("ok", "skipped");
                default -> { }
            }
        });
        assertThat(applied).containsEntry("service/1 worker running and enabled", "changed");

        Map<String, String> second = outcomes(run("apply"));
        assertThat(second.entrySet()).as("a second apply changes nothing")
                .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isIn("ok", "skipped"));
        Cli.Result last = run("plan");
        assertThat(outcomes(last).entrySet()).as("nothing left to do")
                .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isIn("=", "skipped"));

        assertThat(box.exec("hostname").strip()).isEqualTo("shop-web-01");
        assertThat(box.exec("readlink", "/etc/localtime").strip()).endsWith("Europe/Berlin");
        assertThat(box.exec("sysctl", "-n", "net.ipv4.ip_forward").strip()).isEqualTo("1");
        assertThat(box.exec("findmnt", "-n", "-o", "FSTYPE", "/var/cache/shop").strip()).isEqualTo("tmpfs");
        assertThat(box.exec("systemctl", "is-active", "shop-worker").strip()).isEqualTo("active");
        assertThat(box.exec("systemctl", "is-enabled", "shop-worker").strip()).isEqualTo("enabled");
    }
}
