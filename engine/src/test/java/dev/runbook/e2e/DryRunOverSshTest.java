package dev.runbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.testing.MariaDbServer;
import dev.runbook.testing.OpenSshHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Over real OpenSSH daemons and a real MariaDB: a dry-run of a runbook that would write files,
 * run commands and change a database leaves every host byte-identical; apply then does what the
 * plan said, and a second plan finds nothing left to do.
 */
@Timeout(300)
class DryRunOverSshTest {
    static final String DB_PASSWORD = "s3cr3t-'quoted' $pass";
    static OpenSshHosts hosts;
    static MariaDbServer db;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        hosts = OpenSshHosts.start(3);
        db = MariaDbServer.start();
        db.sql("CREATE USER 'shop'@'127.0.0.1' IDENTIFIED BY '" + DB_PASSWORD.replace("'", "\\'") + "';"
                + "GRANT ALL ON *.* TO 'shop'@'127.0.0.1';");
        work = Files.createTempDirectory("runbook-dryrun-");
        StringBuilder inv = new StringBuilder("[shops]\n");
        for (int i = 0; i < hosts.size(); i++) {
            Path root = work.resolve("host" + i);
            Files.createDirectories(root.resolve("webroot"));
            Files.writeString(root.resolve("webroot/index.php"), "<?php echo 'shop " + i + "';\n");
            db.sql("CREATE DATABASE shop" + i + "; CREATE TABLE shop" + i + ".oc_setting (`key` VARCHAR(64), value TEXT);"
                    + "INSERT INTO shop" + i + ".oc_setting VALUES ('config_maintenance','0'),('config_name','Shop " + i + "');");
            inv.append("host").append(i).append(" ansible_host=127.0.0.1 ansible_port=").append(hosts.port(i))
                    .append(" ansible_user=").append(OpenSshHosts.USER)
                    .append(" ansible_ssh_private_key_file=").append(hosts.clientKey())
                    .append(" root=").append(root).append(" db=shop").append(i).append('\n');
        }
        inv.append("[shops:vars]\ndb_port=").append(db.port()).append('\n');
        Files.writeString(work.resolve("hosts.ini"), inv);
        Files.writeString(work.resolve("group_vars.yml"), "");
        exec("chown", "-R", OpenSshHosts.USER, work.toString());
        Files.writeString(work.resolve("upgrade.yml"), """
                runbook: dry-run-e2e
                hosts: shops
                vars:
                  login: {login_host: 127.0.0.1, login_port: "{{ db_port }}", login_user: shop, login_password: "%s"}
                steps:
                  files:
                    tasks:
                      - name: releases directory
                        file: {path: "{{ root }}/releases", state: directory, mode: "0755"}
                      - name: version file
                        copy: {content: "4.0.2.3\\n", dest: "{{ root }}/VERSION", mode: "0644"}
                      - name: maintenance page
                        shell: echo maintenance > {{ root }}/webroot/maintenance.html
                        creates: "{{ root }}/webroot/maintenance.html"
                  database:
                    needs: [files]
                    tasks:
                      - name: maintenance on
                        mysql_query:
                          login_host: 127.0.0.1
                          login_port: "{{ db_port }}"
                          login_user: shop
                          login_password: "%s"
                          login_db: "{{ db }}"
                          query: "UPDATE oc_setting SET value='1' WHERE `key`='config_maintenance'"
                          done_when: "SELECT 1 FROM oc_setting WHERE `key`='config_maintenance' AND value='1'"
                      - name: backup
                        mysql_dump:
                          login_host: 127.0.0.1
                          login_port: "{{ db_port }}"
                          login_user: shop
                          login_password: "%s"
                          name: "{{ db }}"
                          target: "{{ root }}/backup.sql.gz"
                          force: true
                """.formatted(DB_PASSWORD, DB_PASSWORD, DB_PASSWORD));
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void planChangesNothingAndApplyDoesWhatItSaid() throws Exception {
        List<String> before = state();
        Cli.Result plan = Cli.run("plan", work.resolve("upgrade.yml").toString(), "-i", work.resolve("hosts.ini").toString(),
                "--known-hosts", hosts.knownHosts().toString());
        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
        assertThat(state()).as("a dry-run must leave every host byte-identical").isEqualTo(before);
        assertThat(plan.out()).doesNotContain(DB_PASSWORD).doesNotContain("s3cr3t");
        assertThat(plan.out()).contains("Plan: 9 to create, 6 to change, 0 to remove, 0 unknown, 0 unchanged, on 3 hosts.")
                .doesNotContain("!");
        assertThat(plan.out()).containsPattern("\\+ releases directory")
                .containsPattern("\\+ version file")
                .containsPattern("~ maintenance page")
                .containsPattern("[~+] maintenance on")
                .containsPattern("\\+ backup");

        Cli.Result apply = Cli.run("apply", work.resolve("upgrade.yml").toString(), "-i", work.resolve("hosts.ini").toString(),
                "--known-hosts", hosts.knownHosts().toString());
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).doesNotContain("s3cr3t");
        for (int i = 0; i < hosts.size(); i++) {
            assertThat(Files.readString(work.resolve("host" + i + "/VERSION"))).isEqualTo("4.0.2.3\n");
            assertThat(db.sql("SELECT value FROM shop" + i + ".oc_setting WHERE `key`='config_maintenance'")).isEqualTo("1\n");
            assertThat(work.resolve("host" + i + "/backup.sql.gz")).isNotEmptyFile();
        }

        List<String> applied = state();
        Cli.Result again = Cli.run("plan", work.resolve("upgrade.yml").toString(), "-i", work.resolve("hosts.ini").toString(),
                "--known-hosts", hosts.knownHosts().toString(), "--detailed-exitcode");
        // A backup is an action: with force, every apply makes a new one (and never keeps an old one silently).
        assertThat(again.out()).as(again.out()).contains("Plan: 0 to create, 3 to change, 0 to remove, 0 unknown, 12 unchanged, on 3 hosts.")
                .containsPattern("~ backup  — would dump database shop\\d to .*backup.sql.gz, replacing the dump there \\(made ");
        assertThat(again.exit()).isEqualTo(6);
        assertThat(state()).isEqualTo(applied);
    }

    /** Every file of every host (path, mode, sha256) and every database's rows. */
    static List<String> state() throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path p : files.sorted().toList()) {
                String perms = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                out.add(work.relativize(p) + " " + perms + " " + (Files.isRegularFile(p) ? sha256(p) : "dir"));
            }
        }
        for (int i = 0; i < hosts.size(); i++) {
            out.add(db.sql("SELECT `key`, value FROM shop" + i + ".oc_setting ORDER BY `key`"));
        }
        return out;
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    static void exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed");
        }
    }
}
