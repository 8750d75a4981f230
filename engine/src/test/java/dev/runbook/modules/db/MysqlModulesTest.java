package dev.runbook.modules.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.FileAttrs;
import dev.runbook.connection.local.LocalConnection;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.MariaDbServer;
import dev.runbook.testing.TestModuleContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database modules against a real MariaDB, over the local connection. */
class MysqlModulesTest {
    /** A password with every character that breaks naive quoting. */
    static final String PASSWORD = "p\"a's$w\\d;`x` *";
    static MariaDbServer db;

    final List<CommandRequest> sent = new CopyOnWriteArrayList<>();
    final Connection recording = new Recording(new LocalConnection("localhost"), sent);

    @BeforeAll
    static void startDatabase() {
        db = MariaDbServer.start();
        db.sql("CREATE USER 'shop'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD.replace("\\", "\\\\").replace("'", "\\'") + "';"
                + "GRANT ALL ON *.* TO 'shop'@'127.0.0.1';");
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @BeforeEach
    void freshShop() {
        db.sql("DROP DATABASE IF EXISTS shop; CREATE DATABASE shop;"
                + "CREATE TABLE shop.oc_setting (store_id INT, code VARCHAR(32), `key` VARCHAR(64), value TEXT);"
                + "INSERT INTO shop.oc_setting VALUES (0,'config','config_maintenance','0'),(0,'config','config_name','Shop');");
    }

    Map<String, Object> login(Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("login_host", "127.0.0.1", "login_port", db.port(),
                "login_user", "shop", "login_password", PASSWORD));
        m.putAll(extra);
        return m;
    }

    Args args(Module m, Map<String, Object> extra) {
        return TestModuleContext.args(m, login(extra));
    }

    @Test
    void readingQueriesRunInPlanModeAndRegisterRows() throws Exception {
        MysqlQuery q = new MysqlQuery();
        Args a = args(q, Map.of("login_db", "shop", "query", "SELECT `key`, value FROM oc_setting ORDER BY `key`"));
        Change c = q.check(new TestModuleContext(recording).checkMode(true), a);
        assertThat(c.kind()).isEqualTo(ChangeKind.NONE);
        assertThat(c.result().get("query_result")).isEqualTo(List.of(List.of(
                Map.of("key", "config_maintenance", "value", "0"), Map.of("key", "config_name", "value", "Shop"))));
        assertThat(sent).allMatch(CommandRequest::readOnly);
    }

    @Test
    void writeWithDoneWhenIsPredictedAppliedOnceThenUnchanged() throws Exception {
        MysqlQuery q = new MysqlQuery();
        Args a = args(q, Map.of("login_db", "shop",
                "query", "UPDATE oc_setting SET value='1' WHERE `key`='config_maintenance'",
                "done_when", "SELECT 1 FROM oc_setting WHERE `key`='config_maintenance' AND value='1'"));
        TestModuleContext ctx = new TestModuleContext(recording);
        assertThat(q.check(ctx, a).kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(db.sql("SELECT value FROM shop.oc_setting WHERE `key`='config_maintenance'")).isEqualTo("0\n");
        ModuleResult first = q.apply(ctx, a);
        assertThat(first.changed()).isTrue();
        assertThat(first.data().get("rowcount")).isEqualTo(List.of(1L));
        assertThat(db.sql("SELECT value FROM shop.oc_setting WHERE `key`='config_maintenance'")).isEqualTo("1\n");
        assertThat(q.check(ctx, a).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(q.apply(ctx, a).changed()).isFalse();
    }

    @Test
    void writeWithoutDoneWhenIsUnknownInPlanAndChangedOnlyWhenRowsChange() throws Exception {
        MysqlQuery q = new MysqlQuery();
        Args a = args(q, Map.of("login_db", "shop", "query", "UPDATE oc_setting SET value='Shop' WHERE `key`='config_name'"));
        assertThat(q.check(new TestModuleContext(recording).checkMode(true), a).kind()).isEqualTo(ChangeKind.UNKNOWN);
        assertThat(q.apply(new TestModuleContext(recording), a).changed()).isFalse();
    }

    @Test
    void passwordNeverReachesACommandLine() throws Exception {
        MysqlQuery q = new MysqlQuery();
        q.apply(new TestModuleContext(recording), args(q, Map.of("query", "SELECT 1")));
        assertThat(sent).isNotEmpty();
        for (CommandRequest r : sent) {
            assertThat(r.command().toShellLine()).doesNotContain(PASSWORD).doesNotContain("p\"a's");
            assertThat(r.env().values()).noneMatch(v -> v.contains(PASSWORD));
        }
    }

    @Test
    void sqlErrorsAreClearFailures() {
        MysqlQuery q = new MysqlQuery();
        assertThatThrownBy(() -> q.apply(new TestModuleContext(recording), args(q, Map.of("query", "SELEC 1"))))
                .isInstanceOf(ModuleException.class).hasMessageContaining("query failed").hasMessageContaining("SQL syntax")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void wrongPasswordIsAClearFailureWithoutThePassword() {
        MysqlQuery q = new MysqlQuery();
        Args a = TestModuleContext.args(q, login(Map.of("query", "SELECT 1", "login_password", "wrong-secret")));
        assertThatThrownBy(() -> q.apply(new TestModuleContext(recording), a))
                .isInstanceOf(ModuleException.class).hasMessageContaining("Access denied").hasMessageNotContaining("wrong-secret");
    }

    @Test
    void dumpIsAtomicPrivateAndRestorable(@TempDir Path dir) throws Exception {
        MysqlDump dump = new MysqlDump();
        Path target = dir.resolve("shop backup.sql.gz");
        Args a = args(dump, Map.of("name", "shop", "target", target.toString()));
        TestModuleContext ctx = new TestModuleContext(recording);
        assertThat(dump.check(ctx, a).kind()).isEqualTo(ChangeKind.CREATE);
        ModuleResult r = dump.apply(ctx, a);
        assertThat(r.changed()).isTrue();
        assertThat((Long) r.data().get("size")).isEqualTo(Files.size(target)).isPositive();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
        // An existing dump is never silently kept as if it were today's backup.
        assertThatThrownBy(() -> dump.check(ctx, a)).hasMessageContaining("already exists");
        assertThatThrownBy(() -> dump.apply(ctx, a)).hasMessageContaining("it is kept and no new dump was made");

        // The upgrade goes wrong: a table is dropped and another one added. The restore brings back exactly the dump.
        db.sql("DROP TABLE shop.oc_setting; CREATE TABLE shop.oc_new (x INT);");
        MysqlRestore restore = new MysqlRestore();
        Args ra = args(restore, Map.of("name", "shop", "src", target.toString()));
        assertThat(restore.check(ctx, ra).kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(restore.apply(ctx, ra).changed()).isTrue();
        assertThat(db.sql("SHOW TABLES FROM shop")).isEqualTo("oc_setting\n");
        assertThat(db.sql("SELECT value FROM shop.oc_setting WHERE `key`='config_name'")).isEqualTo("Shop\n");
    }

    @Test
    void failedDumpLeavesNoFileBehind(@TempDir Path dir) throws Exception {
        MysqlDump dump = new MysqlDump();
        Path target = dir.resolve("missing.sql");
        Args a = args(dump, Map.of("name", "no_such_db", "target", target.toString()));
        assertThatThrownBy(() -> dump.apply(new TestModuleContext(recording), a)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("no_such_db");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void restoreOfAMissingDumpIsUnknownInPlanAndAFailureInApply(@TempDir Path dir) {
        MysqlRestore restore = new MysqlRestore();
        Args a = args(restore, Map.of("name", "shop", "src", dir.resolve("nope.sql").toString()));
        assertThat(catchingCheck(restore, a).kind()).isEqualTo(ChangeKind.UNKNOWN);
        assertThatThrownBy(() -> restore.apply(new TestModuleContext(recording), a)).hasMessageContaining("dump not found");
    }

    private Change catchingCheck(Module m, Args a) {
        try {
            return m.check(new TestModuleContext(recording).checkMode(true), a);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Passes everything through and remembers what was sent. */
    record Recording(Connection inner, List<CommandRequest> sent) implements Connection {
        @Override
        public String host() {
            return inner.host();
        }

        @Override
        public CommandResult run(CommandRequest request) throws ConnectionException, InterruptedException {
            sent.add(request);
            return inner.run(request);
        }

        @Override
        public void upload(InputStream data, String remotePath, FileAttrs attrs) throws ConnectionException, IOException {
            inner.upload(data, remotePath, attrs);
        }

        @Override
        public void download(String remotePath, OutputStream out) throws ConnectionException, IOException {
            inner.download(remotePath, out);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
