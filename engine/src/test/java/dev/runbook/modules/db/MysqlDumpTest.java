package dev.runbook.modules.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.local.LocalConnection;
import dev.runbook.modules.Args;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.MariaDbServer;
import dev.runbook.testing.TestModuleContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mysql_dump against a real MariaDB: loadable by a plain user, verified, never silently kept. */
class MysqlDumpTest {
    static MariaDbServer db;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDatabase() {
        db = MariaDbServer.start();
        db.sql("CREATE DATABASE shop; USE shop; CREATE TABLE oc_setting (`key` VARCHAR(64) PRIMARY KEY, value TEXT);"
                + "INSERT INTO oc_setting VALUES ('config_maintenance', '0'), ('config_name', 'Shop');"
                + "CREATE TABLE oc_store (store_id INT PRIMARY KEY); INSERT INTO oc_store VALUES (0);"
                + "CREATE VIEW v_settings AS SELECT `key` FROM oc_setting;"
                + "CREATE USER 'shop'@'127.0.0.1' IDENTIFIED BY 'pw';"
                + "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, SHOW VIEW, LOCK TABLES ON shop.* TO 'shop'@'127.0.0.1';");
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    Args args(String user, Path target, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("name", "shop", "target", target.toString(), "login_host", "127.0.0.1",
                "login_port", db.port(), "login_user", user));
        if (!user.equals("root")) {
            m.put("login_password", "pw");
        }
        m.putAll(extra);
        return TestModuleContext.args(new MysqlDump(), m);
    }

    static TestModuleContext ctx() {
        return new TestModuleContext(new LocalConnection("localhost"));
    }

    static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void dumpsHoldNoStatementNeedingAlterOrLockTablesAndAreVerified() throws Exception {
        Path target = dir.resolve("shop.sql.gz");
        ModuleResult r = new MysqlDump().apply(ctx(), args("shop", target, Map.of()));
        String sql = gunzip(target);
        assertThat(sql).contains("CREATE TABLE `oc_setting`").contains("'config_name','Shop'")
                .doesNotContain("LOCK TABLES").doesNotContain("DISABLE KEYS").doesNotContain("ALTER TABLE");
        assertThat(r.msg()).isEqualTo("dumped shop to " + target
                + "; verified: all 2 tables and 1 views are in the dump, which is complete");
        assertThat(r.data()).containsEntry("verified", "verified: all 2 tables and 1 views are in the dump, which is complete")
                .containsEntry("replaced", false);
    }

    @Test
    void anExistingTargetIsRefusedAndKeptUnlessForce() throws Exception {
        Path target = dir.resolve("shop.sql");
        Files.writeString(target, "-- an older backup\n");
        MysqlDump dump = new MysqlDump();
        assertThatThrownBy(() -> dump.check(ctx().checkMode(true), args("shop", target, Map.of())))
                .isInstanceOf(ModuleException.class).hasMessageContaining(target + " already exists (made ")
                .hasMessageContaining("19 bytes); it is kept and no new dump was made");
        assertThatThrownBy(() -> dump.apply(ctx(), args("shop", target, Map.of()))).isInstanceOf(ModuleException.class)
                .hasMessageContaining("set force: true to replace it");
        assertThat(Files.readString(target)).isEqualTo("-- an older backup\n");

        Args force = args("shop", target, Map.of("force", true));
        assertThat(dump.check(ctx().checkMode(true), force).kind()).isEqualTo(ChangeKind.CHANGE);
        ModuleResult r = dump.apply(ctx(), force);
        assertThat(r.msg()).contains(", replacing the older dump (force)");
        assertThat(Files.readString(target)).contains("CREATE TABLE `oc_store`");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void verifyLoadLoadsTheDumpIntoAScratchDatabase() throws Exception {
        Path target = dir.resolve("shop.sql.gz");
        ModuleResult r = new MysqlDump().apply(ctx(), args("root", target, Map.of("verify", "load")));
        assertThat(r.msg()).endsWith("verified: loaded into a scratch database without error, 2 tables, 1 views, 3 rows");
        assertThat(db.sql("SHOW DATABASES LIKE 'rb\\_verify%'")).isEmpty();
    }

    @Test
    void verifyLoadWithoutAScratchDatabaseFailsAndWritesNothing() {
        Path target = dir.resolve("shop.sql.gz");
        assertThatThrownBy(() -> new MysqlDump().apply(ctx(), args("shop", target, Map.of("verify", "load"))))
                .isInstanceOf(ModuleException.class).hasMessageContaining("verify: load needs a scratch database")
                .hasMessageContaining("no backup was written");
        assertThat(target).doesNotExist();
        assertThat(dir.toFile().list()).isEmpty();
    }
}
