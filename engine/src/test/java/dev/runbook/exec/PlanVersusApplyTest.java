package dev.runbook.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.event.RunEvent;
import dev.runbook.event.TaskOutcome;
import dev.runbook.modules.ChangeKind;
import dev.runbook.testing.MariaDbServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan and the apply that follows it, on the same host: whatever the plan says it knows
 * ({@code =}, {@code + ~ -}, would fail, a message) apply must then do; only {@code ?} may go either way.
 */
class PlanVersusApplyTest {
    static MariaDbServer db;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDatabase() {
        db = MariaDbServer.start();
        db.sql("CREATE USER 'shop'@'127.0.0.1' IDENTIFIED BY 'pw'; GRANT ALL ON *.* TO 'shop'@'127.0.0.1';"
                + "CREATE DATABASE shop; CREATE TABLE shop.oc_setting (`key` VARCHAR(64), value TEXT);"
                + "INSERT INTO shop.oc_setting VALUES ('config_maintenance','0');");
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @Test
    void everythingThePlanClaimsToKnowIsWhatApplyDoes() throws Exception {
        Files.createDirectories(dir.resolve("release/install"));
        Files.writeString(dir.resolve("release/install/index.php"), "<?php\n");
        Files.writeString(dir.resolve("release/index.php"), "<?php // new\n");
        Files.createDirectories(dir.resolve("shop"));
        Files.writeString(dir.resolve("shop/index.php"), "<?php // old\n");
        String login = "login_host: 127.0.0.1, login_port: " + db.port() + ", login_user: shop, login_password: pw";
        Path f = Runs.write(dir, """
                runbook: upgrade
                vars:
                  d: "@D@"
                  shop_dir: "{{ found.stdout }}"
                steps:
                  discover:
                    tasks:
                      - command: echo {{ d }}/shop
                        register: found
                      - set_fact: {version: "4.0.2.3"}
                  upgrade:
                    needs: [discover]
                    tasks:
                      - name: maintenance-on
                        mysql_query:
                          login_db: shop
                          query: "UPDATE oc_setting SET value = '1' WHERE `key` = 'config_maintenance'"
                          done_when: "SELECT 1 FROM oc_setting WHERE `key` = 'config_maintenance' AND value = '1'"
                        args: {@LOGIN@}
                      - name: Copy the release
                        sync: {src: "{{ d }}/release", dest: "{{ d }}/shop"}
                      - name: Remove install/
                        file: {path: "{{ d }}/shop/install", state: absent}
                      - name: Announce
                        debug: {msg: "upgrading {{ shop_dir }} to {{ version }}"}
                      - name: Version file
                        copy: {content: "{{ version }}\\n", dest: "{{ d }}/shop/VERSION"}
                      - name: maintenance-off
                        mysql_query:
                          login_db: shop
                          query: "UPDATE oc_setting SET value = '0' WHERE `key` = 'config_maintenance'"
                          done_when: "SELECT 1 FROM oc_setting WHERE `key` = 'config_maintenance' AND value = '0'"
                        args: {@LOGIN@}
                      - name: Check the version
                        assert: {that: ["version is version('4.0', '>=')"]}
                """.replace("@D@", dir.toString()).replace("@LOGIN@", login));
        Map<String, TaskOutcome> plan = byTask(Runs.run(f, RunEvent.Mode.PLAN, Map.of(), null, null, "localhost"));
        Map<String, TaskOutcome> apply = byTask(Runs.apply(f, "localhost"));

        assertThat(apply.keySet()).isEqualTo(plan.keySet());
        for (Map.Entry<String, TaskOutcome> e : plan.entrySet()) {
            TaskOutcome applied = apply.get(e.getKey());
            String where = e.getKey() + ": plan " + e.getValue() + ", apply " + applied;
            if (e.getValue() instanceof TaskOutcome.Failed) {
                assertThat(applied).as(where).isInstanceOf(TaskOutcome.Failed.class);
                continue;
            }
            TaskOutcome.Planned p = (TaskOutcome.Planned) e.getValue();
            if (p.change().kind() == ChangeKind.UNKNOWN) {
                continue;
            }
            assertThat(applied).as(where).isInstanceOf(TaskOutcome.Ok.class);
            assertThat(((TaskOutcome.Ok) applied).changed()).as(where).isEqualTo(p.change().kind().isChange());
        }
        assertThat(kind(plan, "upgrade/Remove install/")).isEqualTo(ChangeKind.UNKNOWN);
        assertThat(((TaskOutcome.Ok) apply.get("upgrade/Remove install/")).changed()).isTrue();
        assertThat(kind(plan, "upgrade/maintenance-off")).isEqualTo(ChangeKind.UNKNOWN);
        assertThat(((TaskOutcome.Ok) apply.get("upgrade/maintenance-off")).changed()).isTrue();
        assertThat(((TaskOutcome.Planned) plan.get("upgrade/Announce")).change().summary())
                .isEqualTo("depends on 'found' (through 'shop_dir'), which is known only when applying");
        assertThat(((TaskOutcome.Ok) apply.get("upgrade/Announce")).msg()).isEqualTo("upgrading " + dir + "/shop to 4.0.2.3");
        assertThat(kind(plan, "upgrade/Check the version")).isEqualTo(ChangeKind.NONE);
        assertThat(db.sql("SELECT value FROM shop.oc_setting")).contains("0");
    }

    private static ChangeKind kind(Map<String, TaskOutcome> plan, String key) {
        return ((TaskOutcome.Planned) plan.get(key)).change().kind();
    }

    private static Map<String, TaskOutcome> byTask(Runs.Outcome o) {
        Map<String, TaskOutcome> out = new LinkedHashMap<>();
        List<RunEvent.TaskFinished> done = o.of(RunEvent.TaskFinished.class);
        done.stream().filter(t -> t.item() == null).forEach(t -> out.put(t.step() + "/" + t.task(), t.outcome()));
        return out;
    }
}
