package dev.runbook.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.event.RunEvent;
import dev.runbook.event.TaskOutcome;
import dev.runbook.modules.ChangeKind;
import dev.runbook.testing.MariaDbServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks as an Ansible role writes them (collection names, register, assert on the registered
 * keys) run unchanged: the plan predicts, apply does it, the second apply changes nothing, and
 * the password is in no event.
 */
class AnsibleDatabaseTasksTest {
    static final String PASSWORD = "Sh0p-db-pa55";
    static MariaDbServer db;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDatabase() {
        db = MariaDbServer.start();
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @Test
    void mysqlTasksWrittenForAnsibleRunUnchanged() throws Exception {
        String login = "login_host: 127.0.0.1, login_port: " + db.port() + ", login_user: root";
        Path f = Runs.write(dir, """
                runbook: database
                vars:
                  db_password: "@PW@"
                steps:
                  database:
                    tasks:
                      - name: shop database
                        community.mysql.mysql_db:
                          name: shop
                          encoding: utf8mb4
                          collation: utf8mb4_unicode_ci
                        args: {@LOGIN@}
                        register: created
                      - name: shop account
                        community.mysql.mysql_user:
                          name: shop
                          host: 127.0.0.1
                          password: "{{ db_password }}"
                          priv: "shop.*:ALL"
                        args: {@LOGIN@}
                        register: account
                      - name: registered as in Ansible
                        ansible.builtin.assert:
                          that:
                            - created.db == 'shop'
                            - created.db_list == ['shop']
                            - account.user == 'shop'
                            - account.msg in ['User added', 'User unchanged']
                """.replace("@PW@", PASSWORD).replace("@LOGIN@", login));
        Map<String, TaskOutcome> plan = byTask(Runs.run(f, RunEvent.Mode.PLAN, Map.of(), null, null, "localhost"));
        assertThat(((TaskOutcome.Planned) plan.get("shop database")).change().kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(((TaskOutcome.Planned) plan.get("shop account")).change().kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(db.sql("SHOW DATABASES LIKE 'shop'")).isEmpty();

        Runs.Outcome first = Runs.apply(f, "localhost");
        Map<String, TaskOutcome> applied = byTask(first);
        assertThat(((TaskOutcome.Ok) applied.get("shop database")).changed()).isTrue();
        assertThat(((TaskOutcome.Ok) applied.get("shop account")).changed()).isTrue();
        assertThat(applied.get("registered as in Ansible")).isInstanceOf(TaskOutcome.Ok.class);
        assertThat(db.sql("SHOW GRANTS FOR 'shop'@'127.0.0.1'")).contains("GRANT ALL PRIVILEGES ON `shop`.*");

        Runs.Outcome second = Runs.apply(f, "localhost");
        for (TaskOutcome o : byTask(second).values()) {
            assertThat(o).isInstanceOf(TaskOutcome.Ok.class);
            assertThat(((TaskOutcome.Ok) o).changed()).isFalse();
        }
        for (RunEvent e : List.of(first.events(), second.events()).stream().flatMap(List::stream).toList()) {
            assertThat(String.valueOf(e)).doesNotContain(PASSWORD);
        }
    }

    private static Map<String, TaskOutcome> byTask(Runs.Outcome o) {
        Map<String, TaskOutcome> out = new LinkedHashMap<>();
        o.of(RunEvent.TaskFinished.class).forEach(t -> out.put(t.task(), t.outcome()));
        return out;
    }
}
