package dev.runbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.runbook.cli.Cli;
import dev.runbook.testing.MariaDbServer;
import dev.runbook.testing.OpenSshHosts;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The toolbox over real OpenSSH with become: a plan predicts, apply does what was predicted, a
 * second apply changes nothing, and a final plan has nothing left to do — for every module that
 * touches a host.
 */
@Timeout(600)
class ModulesOverSshTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static OpenSshHosts hosts;
    static MariaDbServer db;
    static HttpServer http;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        hosts = OpenSshHosts.start(2);
        db = MariaDbServer.start();
        db.sql("CREATE USER 'shop'@'127.0.0.1' IDENTIFIED BY 'pw-123';GRANT ALL ON *.* TO 'shop'@'127.0.0.1';"
                + "CREATE DATABASE shop0; CREATE DATABASE shop1;"
                + "CREATE TABLE shop0.oc_setting (`key` VARCHAR(64), value TEXT); INSERT INTO shop0.oc_setting VALUES ('config_maintenance','0');"
                + "CREATE TABLE shop1.oc_setting (`key` VARCHAR(64), value TEXT); INSERT INTO shop1.oc_setting VALUES ('config_maintenance','0');");
        work = Files.createTempDirectory("runbook-modules-");
        byte[] release = zip(Map.of("opencart-4.0.2.3/upload/index.php", "<?php // 4.0.2.3\n",
                "opencart-4.0.2.3/upload/admin/index.php", "<?php // admin\n",
                "opencart-4.0.2.3/upload/config-dist.php", "<?php // dist\n"));
        Files.write(work.resolve("release.zip"), release);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/release.zip", ex -> {
            ex.sendResponseHeaders(200, release.length);
            ex.getResponseBody().write(release);
            ex.close();
        });
        http.createContext("/health", ex -> {
            byte[] ok = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        http.start();
        Files.writeString(work.resolve("app.conf.j2"), "name = {{ inventory_hostname }}\n{% for f in features %}feature = {{ f }}\n{% endfor %}");
        Files.writeString(work.resolve("motd"), "welcome\n");
        StringBuilder inv = new StringBuilder("[shops]\n");
        for (int i = 0; i < hosts.size(); i++) {
            inv.append("shop").append(i).append(" ansible_host=127.0.0.1 ansible_port=").append(hosts.port(i))
                    .append(" root=/tmp/runbook-mods-").append(work.getFileName()).append("-").append(i)
                    .append(" db=shop").append(i).append('\n');
        }
        inv.append("[shops:vars]\nansible_user=").append(OpenSshHosts.USER)
                .append("\nansible_ssh_private_key_file=").append(hosts.clientKey())
                .append("\ndb_port=").append(db.port())
                .append("\nhttp_port=").append(http.getAddress().getPort())
                .append("\nrelease_sha256=").append(sha256(release)).append('\n');
        Files.writeString(work.resolve("hosts.ini"), inv);
        Files.copy(Path.of("src/test/resources/e2e/modules.yml"), work.resolve("modules.yml"));
    }

    @AfterAll
    static void stop() {
        if (http != null) {
            http.stop(0);
        }
        if (db != null) {
            db.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    private static Cli.Result run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, work.resolve("modules.yml").toString(),
                "-i", work.resolve("hosts.ini").toString(), "--known-hosts", hosts.knownHosts().toString(), "--output", "json"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    /** host/step/index -> outcome status of each whole task. */
    private static Map<String, String> outcomes(Cli.Result r) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : r.out().lines().toList()) {
            JsonNode e = JSON.readTree(line);
            if (e.get("event").asText().equals("task_finished") && e.get("item").isNull()) {
                out.put(e.get("host").asText() + "/" + e.get("step").asText() + "/" + e.get("index").asInt() + " "
                        + e.get("task").asText(), e.get("outcome").get("status").asText());
            }
        }
        return out;
    }

    @Test
    void planPredictsApplyDoesItAndTheSecondRunChangesNothing() throws Exception {
        Cli.Result plan = run("plan");
        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
        Map<String, String> predicted = outcomes(plan);
        assertThat(predicted).hasSizeGreaterThan(30).doesNotContainValue("failed");

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

        Map<String, String> second = outcomes(run("apply"));
        assertThat(second.entrySet()).as("a second apply changes nothing")
                .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isIn("ok", "skipped"));

        Cli.Result last = run("plan");
        assertThat(outcomes(last).entrySet()).as("nothing left to do")
                .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isIn("=", "skipped"));

        for (int i = 0; i < hosts.size(); i++) {
            Path root = Path.of("/tmp/runbook-mods-" + work.getFileName() + "-" + i);
            assertThat(Files.readString(root.resolve("etc/app.conf"))).startsWith("name = shop" + i + "\nfeature = cache\n");
            assertThat(Files.readString(root.resolve("www/index.php"))).isEqualTo("<?php // 4.0.2.3\n");
            assertThat(Files.readString(root.resolve("www/config.php"))).isEqualTo("<?php // mine\n");
            assertThat(Files.getOwner(root.resolve("etc/app.conf")).getName()).isEqualTo("root");
            assertThat(work.resolve("fetched/shop" + i + root + "/etc/app.conf")).exists(); // Ansible's dest/host/path
            assertThat(db.sql("SELECT value FROM shop" + i + ".oc_setting")).isEqualTo("1\n");
        }
    }

    static byte[] zip(Map<String, String> files) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (var e : new java.util.TreeMap<>(files).entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
