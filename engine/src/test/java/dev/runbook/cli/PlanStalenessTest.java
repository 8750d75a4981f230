package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.testing.MariaDbServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once a plan predicts that a task changes a path or a database, a later probe of the same host
 * that reads it is unknown (naming the task), never "already done" and never "would fail".
 */
class PlanStalenessTest {
    static MariaDbServer db;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDatabase() {
        db = MariaDbServer.start();
        db.sql("CREATE USER 'shop'@'127.0.0.1' IDENTIFIED BY 'pw'; GRANT ALL ON *.* TO 'shop'@'127.0.0.1';");
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    private Path write(String yaml) throws Exception {
        Path rb = dir.resolve("rb.yml");
        Files.writeString(rb, yaml.replace("@D@", dir.toString())
                .replace("@LOGIN@", "login_host: 127.0.0.1, login_port: " + db.port() + ", login_user: shop, login_password: pw"));
        return rb;
    }

    private String plan(Path rb) {
        Cli.Result r = Cli.run("plan", rb.toString());
        return (r.exit() + "\n" + r.out() + r.err()).replace(dir.toString(), "D").replace(String.valueOf(db.port()), "PORT");
    }

    @Test
    void aPathAnEarlierTaskWouldChangeIsNotAlreadyAbsent() throws Exception {
        Files.createDirectories(dir.resolve("release/install"));
        Files.writeString(dir.resolve("release/install/index.php"), "<?php\n");
        Files.writeString(dir.resolve("release/index.php"), "<?php\n");
        Files.createDirectories(dir.resolve("shop"));
        Path rb = write("""
                runbook: st
                vars: {d: "@D@"}
                steps:
                  deploy:
                    tasks:
                      - name: Copy the release
                        sync: {src: "{{ d }}/release", dest: "{{ d }}/shop"}
                      - name: Remove install/
                        file: {path: "{{ d }}/shop/install", state: absent}
                      - name: Look at the parent
                        stat: {path: "{{ d }}"}
                        register: parent
                      - name: Unrelated path
                        file: {path: "{{ d }}/shopping", state: absent}
                      - name: Mark it
                        command: touch {{ d }}/shop/.done
                        args: {creates: "{{ d }}/shop/.done"}
                  check:
                    needs: [deploy]
                    tasks:
                      - name: Read the new index
                        slurp: {src: "{{ d }}/shop/index.php"}
                        register: index
                      - debug: {msg: "{{ index.content }}"}
                """);
        assertThat(plan(rb)).isEqualTo("""
                0
                Planning st on 1 host (read-only probes; nothing is changed)

                localhost
                  deploy
                    ~ Copy the release  — would add 3, update 0, remove 0 in D/shop from D/release
                    ? Remove install/  — depends on what 'Copy the release' would change first (D/shop)
                    = Look at the parent  — changes nothing; what it reads depends on what 'Copy the release' would change first (D/shop)
                    = Unrelated path  — D/shopping is already absent
                    ? Mark it  — depends on what 'Copy the release' would change first (D/shop)
                  check
                    = Read the new index  — changes nothing; what it reads depends on what 'deploy › Copy the release' would change first (D/shop)
                    ? debug  — depends on 'index', which is known only when applying

                Plan: 0 to create, 1 to change, 0 to remove, 3 unknown, 3 unchanged, on 1 host.
                """);
    }

    @Test
    void aDirectoryAnEarlierTaskWouldMakeLeavesWhatIsUnderItKnown() throws Exception {
        Path rb = write("""
                runbook: dir
                vars: {d: "@D@"}
                steps:
                  s:
                    tasks:
                      - name: Work directory
                        file: {path: "{{ d }}/work/backups", state: directory, mode: "0700"}
                      - name: The dump
                        stat: {path: "{{ d }}/work/backups/dump.sql"}
                        register: dump
                      - debug: {msg: "dump exists: {{ dump.stat.exists }}"}
                      - name: Mark it
                        command: touch {{ d }}/work/backups/.done
                        args: {creates: "{{ d }}/work/backups/.done"}
                      - name: The directory itself
                        stat: {path: "{{ d }}/work/backups"}
                      - name: A directory above it
                        stat: {path: "{{ d }}/work"}
                      - name: Everything below, mode too
                        file: {path: "{{ d }}/work", state: directory, recurse: true, mode: "0700"}
                      - name: Now the dump
                        stat: {path: "{{ d }}/work/backups/dump.sql"}
                """);
        assertThat(plan(rb)).isEqualTo("""
                0
                Planning dir on 1 host (read-only probes; nothing is changed)

                localhost
                  s
                    + Work directory  — would create directory D/work/backups (mode 0700)
                    = The dump  — D/work/backups/dump.sql does not exist
                    = debug  — dump exists: False
                    ~ Mark it  — would run: touch D/work/backups/.done
                    = The directory itself  — changes nothing; what it reads depends on what 'Work directory' would change first (D/work/backups)
                    = A directory above it  — changes nothing; what it reads depends on what 'Work directory' would change first (D/work/backups)
                    ? Everything below, mode too  — depends on what 'Work directory' would change first (D/work/backups)
                    = Now the dump  — changes nothing; what it reads depends on what 'Everything below, mode too' would change first (D/work)

                Plan: 1 to create, 1 to change, 0 to remove, 1 unknown, 5 unchanged, on 1 host.
                """);
    }

    @Test
    void aTaskWhoseArgumentsAreUnknownMayStillChangeWhatItNames() throws Exception {
        Files.createDirectories(dir.resolve("shop"));
        Path rb = write("""
                runbook: unk
                vars: {d: "@D@"}
                steps:
                  s:
                    tasks:
                      - name: Ask
                        command: echo release
                        register: asked
                      - name: Copy the release
                        copy: {src: "{{ d }}/{{ asked.stdout }}/", dest: "{{ d }}/shop/", remote_src: true}
                      - name: Remove install/
                        file: {path: "{{ d }}/shop/install", state: absent}
                      - name: Into a directory only known when applying
                        file: {path: "{{ d }}/out/{{ asked.stdout }}/x", state: touch}
                      - name: Beside it
                        file: {path: "{{ d }}/out/y", state: absent}
                      - name: Elsewhere
                        file: {path: "{{ d }}/other", state: absent}
                """);
        assertThat(plan(rb)).isEqualTo("""
                0
                Planning unk on 1 host (read-only probes; nothing is changed)

                localhost
                  s
                    ? Ask  — would run: echo release
                    ? Copy the release  — depends on 'asked', which is known only when applying
                    ? Remove install/  — depends on what 'Copy the release' would change first (D/shop)
                    ? Into a directory only known when applying  — depends on 'asked', which is known only when applying
                    ? Beside it  — depends on what 'Into a directory only known when applying' would change first (D/out)
                    = Elsewhere  — D/other is already absent

                Plan: 0 to create, 0 to change, 0 to remove, 5 unknown, 1 unchanged, on 1 host.
                """);
    }

    @Test
    void aDatabaseAnEarlierTaskWouldChangeIsNotAlreadyDoneAndDoesNotFail() throws Exception {
        db.sql("DROP DATABASE IF EXISTS shop; CREATE DATABASE shop;"
                + "CREATE TABLE shop.oc_setting (`key` VARCHAR(64), value TEXT);"
                + "INSERT INTO shop.oc_setting VALUES ('config_maintenance','0');"
                + "DROP DATABASE IF EXISTS other; CREATE DATABASE other;");
        Files.writeString(dir.resolve("shop.sql"), "CREATE TABLE oc_store (store_id INT);\nINSERT INTO oc_store VALUES (0);\n");
        Path rb = write("""
                runbook: db
                steps:
                  upgrade:
                    tasks:
                      - name: maintenance-on
                        mysql_query:
                          login_db: shop
                          query: "UPDATE oc_setting SET value = '1' WHERE `key` = 'config_maintenance'"
                          done_when: "SELECT 1 FROM oc_setting WHERE `key` = 'config_maintenance' AND value = '1'"
                        args: {@LOGIN@}
                      - name: other database
                        mysql_query: {login_db: other, query: "SELECT 1", @LOGIN@}
                      - name: maintenance-off
                        mysql_query:
                          login_db: shop
                          query: "UPDATE oc_setting SET value = '0' WHERE `key` = 'config_maintenance'"
                          done_when: "SELECT 1 FROM oc_setting WHERE `key` = 'config_maintenance' AND value = '0'"
                        args: {@LOGIN@}
                  rollback:
                    needs: [upgrade]
                    tasks:
                      - name: restore
                        mysql_restore: {name: shop, src: "@D@/shop.sql", recreate: true, @LOGIN@}
                      - name: count stores
                        mysql_query: {login_db: shop, query: "SELECT COUNT(*) AS n FROM oc_store", @LOGIN@}
                        register: stores
                      - assert: {that: ["stores.rows[0].n | int == 1"]}
                """);
        assertThat(plan(rb)).isEqualTo("""
                0
                Planning db on 1 host (read-only probes; nothing is changed)

                localhost
                  upgrade
                    ~ maintenance-on  — would run UPDATE oc_setting SET value = '1' WHERE `key` = 'config_m...
                    = other database  — read-only queries
                    ? maintenance-off  — depends on what 'maintenance-on' would change first (database shop on localhost:PORT)
                  rollback
                    ? restore  — depends on what 'upgrade › maintenance-on' would change first (database shop on localhost:PORT)
                    = count stores  — changes nothing; what it reads depends on what 'upgrade › maintenance-on' would change first (database shop on localhost:PORT)
                    ? assert  — depends on 'stores', which is known only when applying

                Plan: 0 to create, 1 to change, 0 to remove, 3 unknown, 2 unchanged, on 1 host.
                """);
    }
}
