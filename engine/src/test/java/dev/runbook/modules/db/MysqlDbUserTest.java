package dev.runbook.modules.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.Connection;
import dev.runbook.connection.local.LocalConnection;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleRegistry;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.MariaDbServer;
import dev.runbook.testing.TestModuleContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mysql_db and mysql_user against a real MariaDB: plan predicts, apply does it, a second apply changes nothing. */
class MysqlDbUserTest {
    static final String SECRET = "s3cr'et\\\"pw $x";
    static MariaDbServer db;

    final List<CommandRequest> sent = new CopyOnWriteArrayList<>();
    final Connection recording = new MysqlModulesTest.Recording(new LocalConnection("localhost"), sent);

    @BeforeAll
    static void startDatabase() {
        db = MariaDbServer.start();
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @BeforeEach
    void clean() {
        db.sql("DROP DATABASE IF EXISTS app; DROP DATABASE IF EXISTS app2; DROP USER IF EXISTS 'app'@'127.0.0.1';"
                + "CREATE DATABASE IF NOT EXISTS other; CREATE TABLE IF NOT EXISTS other.t (x INT);");
    }

    Args args(Module m, Map<String, Object> extra) {
        Map<String, Object> raw = new LinkedHashMap<>(Map.of("login_host", "127.0.0.1", "login_port", db.port(),
                "login_user", "root"));
        raw.putAll(extra);
        return TestModuleContext.args(m, raw);
    }

    /** Plan, then apply: the plan's result is what apply registered; a second run changes nothing. */
    ModuleResult converge(Module m, Args a, ChangeKind expected) throws Exception {
        Change plan = m.check(new TestModuleContext(recording).checkMode(true), a);
        assertThat(plan.kind()).isEqualTo(expected);
        ModuleResult r = m.apply(new TestModuleContext(recording), a);
        assertThat(r.changed()).isEqualTo(expected != ChangeKind.NONE);
        Map<String, Object> registered = new LinkedHashMap<>(r.data());
        registered.put("changed", r.changed());
        assertThat(plan.result()).isEqualTo(registered);
        assertThat(m.check(new TestModuleContext(recording).checkMode(true), a).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(m.apply(new TestModuleContext(recording), a).changed()).isFalse();
        return r;
    }

    @Test
    void databasesAreCreatedAlteredAndDroppedIdempotently() throws Exception {
        MysqlDb m = new MysqlDb();
        ModuleResult created = converge(m, args(m, Map.of("name", List.of("app", "app2"), "encoding", "utf8mb4",
                "collation", "utf8mb4_unicode_ci")), ChangeKind.CREATE);
        assertThat(created.data().get("executed_commands")).isEqualTo(List.of(
                "CREATE DATABASE `app` CHARACTER SET `utf8mb4` COLLATE `utf8mb4_unicode_ci`",
                "CREATE DATABASE `app2` CHARACTER SET `utf8mb4` COLLATE `utf8mb4_unicode_ci`"));
        assertThat(created.data().get("db")).isEqualTo("app app2");
        assertThat(db.sql("SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME='app'"))
                .isEqualTo("utf8mb4_unicode_ci\n");

        converge(m, args(m, Map.of("name", "app", "collation", "utf8mb4_bin")), ChangeKind.CHANGE);
        assertThat(db.sql("SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME='app'"))
                .isEqualTo("utf8mb4_bin\n");

        converge(m, args(m, Map.of("name", "app2", "state", "absent")), ChangeKind.REMOVE);
        assertThat(db.sql("SHOW DATABASES LIKE 'app%'")).isEqualTo("app\n");
        assertThat(sent.stream().filter(CommandRequest::readOnly)).isNotEmpty();
    }

    @Test
    void dumpAndImportAreAnsibleStatesOfMysqlDb(@TempDir Path dir) throws Exception {
        MysqlDb m = new MysqlDb();
        String target = dir.resolve("other.sql.gz").toString();
        ModuleResult dumped = m.apply(new TestModuleContext(recording), args(m, Map.of("name", "other", "state", "dump",
                "target", target)));
        assertThat(dumped.changed()).isTrue();
        assertThat(dumped.data().get("db")).isEqualTo("other");
        // Ansible's dump replaces the file each time.
        assertThat(m.apply(new TestModuleContext(recording), args(m, Map.of("name", "other", "state", "dump",
                "target", target))).changed()).isTrue();
        Args imp = args(m, Map.of("name", "app", "state", "import", "target", target));
        assertThat(m.check(new TestModuleContext(recording).checkMode(true), imp).kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(m.apply(new TestModuleContext(recording), imp).changed()).isTrue();
        assertThat(db.sql("SHOW TABLES FROM app")).isEqualTo("t\n");
        assertThat(m.validate(args(m, Map.of("name", "app", "state", "dump")))).containsExactly(
                "state dump needs target: the dump file on the target");
    }

    @Test
    void userIsCreatedWithPasswordAndPrivilegesThenConverges() throws Exception {
        MysqlUser u = new MysqlUser();
        Args a = args(u, Map.of("name", "app", "host", "127.0.0.1", "password", SECRET,
                "priv", "app.*:ALL,GRANT/other.t:SELECT,INSERT"));
        db.sql("CREATE DATABASE app;");
        ModuleResult r = converge(u, a, ChangeKind.CREATE);
        assertThat(r.msg()).isEqualTo("User added");
        assertThat(r.data().get("password_changed")).isEqualTo(true);
        assertThat(r.data().get("executed_commands")).isEqualTo(List.of(
                "CREATE USER 'app'@'127.0.0.1' IDENTIFIED BY ********",
                "GRANT ALL PRIVILEGES ON `app`.* TO 'app'@'127.0.0.1' WITH GRANT OPTION",
                "GRANT INSERT, SELECT ON `other`.`t` TO 'app'@'127.0.0.1'"));
        // The account works with that password.
        MysqlQuery q = new MysqlQuery();
        ModuleResult select = q.apply(new TestModuleContext(recording), TestModuleContext.args(q, Map.of(
                "login_host", "127.0.0.1", "login_port", db.port(), "login_user", "app", "login_password", SECRET,
                "query", "SELECT COUNT(*) AS n FROM other.t")));
        assertThat(select.data().get("query_result")).isEqualTo(List.of(List.of(Map.of("n", "0"))));
        assertSecretNeverSent();
    }

    @Test
    void privilegesAreReplacedOrAppendedAndPasswordChangesAreSeen() throws Exception {
        db.sql("CREATE DATABASE app; CREATE USER 'app'@'127.0.0.1' IDENTIFIED BY 'old';"
                + "GRANT SELECT ON app.* TO 'app'@'127.0.0.1'; GRANT PROCESS ON *.* TO 'app'@'127.0.0.1';");
        MysqlUser u = new MysqlUser();
        ModuleResult appended = converge(u, args(u, Map.of("name", "app", "host", "127.0.0.1", "priv", "app.*:INSERT",
                "append_privs", true)), ChangeKind.CHANGE);
        assertThat(appended.data().get("executed_commands")).isEqualTo(List.of(
                "GRANT INSERT ON `app`.* TO 'app'@'127.0.0.1'"));
        ModuleResult replaced = converge(u, args(u, Map.of("name", "app", "host", "127.0.0.1",
                "priv", Map.of("app.*", "SELECT"))), ChangeKind.CHANGE);
        assertThat(replaced.data().get("executed_commands")).isEqualTo(List.of(
                "REVOKE ALL PRIVILEGES ON *.* FROM 'app'@'127.0.0.1'",
                "REVOKE ALL PRIVILEGES ON `app`.* FROM 'app'@'127.0.0.1'",
                "GRANT SELECT ON `app`.* TO 'app'@'127.0.0.1'"));
        assertThat(db.sql("SHOW GRANTS FOR 'app'@'127.0.0.1'")).doesNotContain("PROCESS").contains("GRANT SELECT ON `app`.*");

        ModuleResult pw = converge(u, args(u, Map.of("name", "app", "host", "127.0.0.1", "password", SECRET)),
                ChangeKind.CHANGE);
        assertThat(pw.data().get("password_changed")).isEqualTo(true);
        assertThat(pw.msg()).isEqualTo("User updated");
        Args onCreate = args(u, Map.of("name", "app", "host", "127.0.0.1", "password", "other", "update_password", "on_create"));
        assertThat(u.check(new TestModuleContext(recording), onCreate).kind()).isEqualTo(ChangeKind.NONE);

        ModuleResult dropped = converge(u, args(u, Map.of("name", "app", "host", "127.0.0.1", "state", "absent")),
                ChangeKind.REMOVE);
        assertThat(dropped.msg()).isEqualTo("User deleted");
        assertThat(db.sql("SELECT COUNT(*) FROM mysql.user WHERE User='app'")).isEqualTo("0\n");
        assertSecretNeverSent();
    }

    @Test
    void badPrivAndServerErrorsAreClearWithoutThePassword() {
        MysqlUser u = new MysqlUser();
        assertThat(u.validate(args(u, Map.of("name", "app", "priv", "app:ALL")))).singleElement().asString()
                .contains("'app' is not a database object");
        Args a = args(u, Map.of("name", "app", "host", "127.0.0.1", "password", SECRET, "priv", "app.*:NO_SUCH_PRIV"));
        assertThatThrownBy(() -> u.apply(new TestModuleContext(recording), a)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("app@127.0.0.1").hasMessageNotContaining(SECRET);
    }

    @Test
    void ansibleCollectionNamesFindTheModules() {
        ModuleRegistry r = ModuleRegistry.builtins();
        assertThat(r.find("community.mysql.mysql_user")).containsInstanceOf(MysqlUser.class);
        assertThat(r.find("community.mysql.mysql_db")).containsInstanceOf(MysqlDb.class);
        assertThat(r.find("ansible.builtin.mysql_db")).containsInstanceOf(MysqlDb.class);
        assertThat(r.find("ansible.posix.mysql_db")).isPresent();
        assertThat(r.find("community.mysql.no_such")).isEmpty();
        assertThat(r.find("acme.stuff.mysql_db")).isEmpty();
    }

    private void assertSecretNeverSent() {
        for (CommandRequest r : sent) {
            assertThat(r.command().toShellLine()).doesNotContain(SECRET).doesNotContain("s3cr");
        }
        assertThat(new MysqlUser().spec().arg("password").orElseThrow().secret()).isTrue();
    }
}
