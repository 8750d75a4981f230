package dev.runbook.modules.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.local.LocalConnection;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.MariaDbServer;
import dev.runbook.testing.TestModuleContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mysql_restore against a real MariaDB: a restore that cannot work changes nothing, a load that
 * fails half-way is rolled back to exactly the database as it was, and a successful restore
 * gives exactly the dump (tables added since are removed).
 */
class MysqlRestoreTest {
    static MariaDbServer db;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDatabase() {
        db = MariaDbServer.start();
        db.sql("CREATE USER 'admin'@'127.0.0.1' IDENTIFIED BY 'pw'; GRANT ALL ON *.* TO 'admin'@'127.0.0.1';"
                // A shop's user on a typical host: everything on its database except ALTER.
                + "CREATE USER 'noalter'@'127.0.0.1' IDENTIFIED BY 'pw';"
                + "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, INDEX, LOCK TABLES ON shop.* TO 'noalter'@'127.0.0.1';"
                + "CREATE USER 'nocreate'@'127.0.0.1' IDENTIFIED BY 'pw';"
                + "GRANT SELECT, INSERT, UPDATE, DELETE, DROP, ALTER, INDEX, LOCK TABLES ON shop.* TO 'nocreate'@'127.0.0.1';"
                + "CREATE USER 'owner'@'127.0.0.1' IDENTIFIED BY 'pw';"
                + "GRANT ALL ON shop.* TO 'owner'@'127.0.0.1'; GRANT ALL ON copy.* TO 'owner'@'127.0.0.1';");
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @BeforeEach
    void shop() {
        db.sql("DROP DATABASE IF EXISTS shop; DROP DATABASE IF EXISTS copy; CREATE DATABASE shop; USE shop;"
                + "CREATE TABLE oc_setting (setting_id INT AUTO_INCREMENT PRIMARY KEY, `key` VARCHAR(64), value TEXT);"
                + "INSERT INTO oc_setting (`key`, value) VALUES ('config_maintenance', '1'), ('config_name', 'Shop');"
                + "CREATE TABLE oc_store (store_id INT PRIMARY KEY, name VARCHAR(64));"
                + "INSERT INTO oc_store VALUES (0, 'Default');"
                + "CREATE TABLE oc_customer (customer_id INT PRIMARY KEY, email VARCHAR(96)) ENGINE=InnoDB;"
                + "CREATE TABLE oc_order (order_id INT PRIMARY KEY, customer_id INT, CONSTRAINT fk_order_customer "
                + "FOREIGN KEY (customer_id) REFERENCES oc_customer (customer_id) ON DELETE CASCADE) ENGINE=InnoDB;"
                + "CREATE TABLE oc_line (line_id INT PRIMARY KEY, order_id INT, FOREIGN KEY (order_id) REFERENCES oc_order (order_id)) ENGINE=InnoDB;"
                + "INSERT INTO oc_customer VALUES (1, 'a@example.org'); INSERT INTO oc_order VALUES (10, 1); INSERT INTO oc_line VALUES (100, 10);");
    }

    /** Views, a trigger and a procedure, defined by the restoring user. */
    void objectsOwnedBy(String user) {
        db.sql("USE shop; CREATE DEFINER='" + user + "'@'127.0.0.1' VIEW v_orders AS SELECT o.order_id, c.email FROM oc_order o "
                + "JOIN oc_customer c USING (customer_id);"
                + "CREATE DEFINER='" + user + "'@'127.0.0.1' TRIGGER trg_store BEFORE INSERT ON oc_store FOR EACH ROW "
                + "SET NEW.name = UPPER(NEW.name);\n"
                + "DELIMITER ;;\nCREATE DEFINER='" + user + "'@'127.0.0.1' PROCEDURE count_orders() BEGIN SELECT COUNT(*) "
                + "FROM oc_order; SELECT 1; END;;\nDELIMITER ;\n"
                + "CREATE DEFINER='" + user + "'@'127.0.0.1' EVENT ev_cleanup ON SCHEDULE EVERY 1 DAY DISABLE "
                + "DO DELETE FROM oc_store WHERE store_id > 100;");
    }

    Args args(String user, Path src, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("name", "shop", "src", src.toString(), "login_host", "127.0.0.1",
                "login_port", db.port(), "login_user", user, "login_password", "pw"));
        m.putAll(extra);
        return TestModuleContext.args(new MysqlRestore(), m);
    }

    static TestModuleContext ctx() {
        return new TestModuleContext(new LocalConnection("localhost"));
    }

    /** A dump as the mariadb-dump defaults write it: LOCK TABLES and ALTER TABLE ... DISABLE KEYS included. */
    Path plainDump(String name) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        Process p = new ProcessBuilder("mariadb-dump", "--no-defaults", "-h127.0.0.1", "-P" + db.port(), "-uroot",
                "--routines", "--triggers", "--events", "shop").redirectOutput(out.toFile()).redirectErrorStream(false).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(out)).contains("DISABLE KEYS").contains("LOCK TABLES");
        return out;
    }

    @Test
    void aUserLackingAlterIsRefusedBeforeAnythingIsTouched() throws Exception {
        Path dump = plainDump("shop.sql");
        db.sql("UPDATE shop.oc_setting SET value = '0' WHERE `key` = 'config_maintenance'; CREATE TABLE shop.oc_new (x INT);");
        String before = DatabaseSnapshot.of(db, "shop");
        MysqlRestore restore = new MysqlRestore();
        Args a = args("noalter", dump, Map.of());

        assertThatThrownBy(() -> restore.check(ctx().checkMode(true), a)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("lacks ALTER on shop").hasMessageContaining("RENAME TABLE")
                .hasMessageContaining("ALTER TABLE statements");
        assertThatThrownBy(() -> restore.apply(ctx(), a)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("user noalter@127.0.0.1 lacks ALTER on shop")
                .hasMessageContaining("Nothing was changed: shop is as it was.");
        assertThat(DatabaseSnapshot.of(db, "shop")).isEqualTo(before);
    }

    @Test
    void aUserLackingCreateIsRefusedBeforeAnythingIsTouched() throws Exception {
        Path dump = plainDump("shop.sql");
        db.sql("DELETE FROM shop.oc_store;");
        String before = DatabaseSnapshot.of(db, "shop");
        MysqlRestore restore = new MysqlRestore();
        Args a = args("nocreate", dump, Map.of());
        assertThatThrownBy(() -> restore.check(ctx().checkMode(true), a)).hasMessageContaining("lacks CREATE on shop");
        assertThatThrownBy(() -> restore.apply(ctx(), a)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("user nocreate@127.0.0.1 lacks CREATE on shop (CREATE: to create the dump's tables)")
                .hasMessageContaining("Nothing was changed: shop is as it was.");
        assertThat(DatabaseSnapshot.of(db, "shop")).isEqualTo(before);
    }

    @Test
    void aLoadThatFailsHalfWayIsRolledBackToExactlyTheDatabaseAsItWas() throws Exception {
        objectsOwnedBy("owner");
        Path good = plainDump("shop.sql");
        // The dump breaks after its first tables have been created and filled.
        String text = Files.readString(good);
        int cut = text.indexOf("-- Table structure for table `oc_setting`");
        Path broken = dir.resolve("broken.sql");
        Files.writeString(broken, text.substring(0, cut) + "INSERT INTO no_such_table VALUES (1);\n" + text.substring(cut));
        // The upgrade had changed data and added a table; that is the state to keep when the restore fails.
        db.sql("USE shop; UPDATE oc_setting SET value = 'Upgraded' WHERE `key` = 'config_name'; CREATE TABLE oc_new (x INT);"
                + "INSERT INTO oc_new VALUES (7);");
        String before = DatabaseSnapshot.of(db, "shop");

        assertThatThrownBy(() -> new MysqlRestore().apply(ctx(), args("owner", broken, Map.of())))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("restore of shop from " + broken + " failed: ERROR 1146 (42S02) at line 99: "
                        + "Table 'shop.no_such_table' doesn't exist (in: INSERT INTO no_such_table VALUES (1))")
                .hasMessageContaining("Rolled back: shop is as it was before the restore");
        assertThat(DatabaseSnapshot.of(db, "shop")).isEqualTo(before);
        assertThat(db.sql("SHOW TABLES FROM shop LIKE '\\_rb%'")).isEmpty();
    }

    @Test
    void aSuccessfulRestoreGivesExactlyTheDumpRemovingTablesAddedSince() throws Exception {
        objectsOwnedBy("owner");
        Path dump = plainDump("shop.sql");
        String dumped = DatabaseSnapshot.of(db, "shop");
        db.sql("USE shop; UPDATE oc_setting SET value = '0' WHERE `key` = 'config_maintenance'; DELETE FROM oc_line;"
                + "CREATE TABLE oc_new (x INT); DROP TRIGGER trg_store; DROP VIEW v_orders;"
                + "CREATE DEFINER='owner'@'127.0.0.1' PROCEDURE added_later() SELECT 2;");
        MysqlRestore restore = new MysqlRestore();
        Args a = args("owner", dump, Map.of());

        Change plan = restore.check(ctx().checkMode(true), a);
        assertThat(plan.kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(plan.summary()).isEqualTo("would restore shop from " + dump
                + ": 5 tables and 1 view from the dump replace the 6 there now; would remove oc_new (not in the dump)");
        ModuleResult r = restore.apply(ctx(), a);
        assertThat(r.changed()).isTrue();
        assertThat(r.msg()).isEqualTo("restored shop from " + dump + ": 5 tables, 1 views; removed oc_new (not in the dump)");
        assertThat(r.data().get("removed")).isEqualTo(List.of("oc_new"));
        assertThat(DatabaseSnapshot.of(db, "shop")).isEqualTo(dumped);
    }

    @Test
    void recreateFalseKeepsWhatTheDumpLacks() throws Exception {
        Path dump = plainDump("shop.sql");
        db.sql("USE shop; UPDATE oc_store SET name = 'changed'; CREATE TABLE oc_new (x INT); INSERT INTO oc_new VALUES (3);");
        ModuleResult r = new MysqlRestore().apply(ctx(), args("owner", dump, Map.of("recreate", false)));
        assertThat(r.msg()).contains("kept oc_new (not in the dump, recreate: false)");
        assertThat(db.sql("SELECT name FROM shop.oc_store")).isEqualTo("Default\n");
        assertThat(db.sql("SELECT x FROM shop.oc_new")).isEqualTo("3\n");
        assertThat(db.sql("SHOW TABLES FROM shop LIKE '\\_rb%'")).isEmpty();
    }

    @Test
    void anInterruptedRestoreIsRolledBackBeforeTheNextOne() throws Exception {
        objectsOwnedBy("owner");
        Path dump = plainDump("shop.sql");
        db.sql("UPDATE shop.oc_store SET name = 'Before the interrupted restore'");
        String before = DatabaseSnapshot.of(db, "shop");
        // Simulate a controller killed during the load: the old tables are aside, a partial load is in place.
        SqlRunner sql = new SqlRunner(ctx(), MysqlLogin.from(args("owner", dump, Map.of())), false);
        Schema s = Schema.read(sql, "shop");
        List<RestoreJournal.Entry> entries = RestoreJournal.entries(s, s.definitions(sql, s.triggers()),
                s.definitions(sql, s.routinesAndEvents()));
        Restore restore = new Restore(sql, "shop");
        restore.prepare(entries);
        restore.moveAside(s, entries, true);
        db.sql("CREATE TABLE shop.oc_store (store_id INT); CREATE TABLE shop.half_loaded (x INT);");

        Change plan = new MysqlRestore().check(ctx().checkMode(true), args("owner", dump, Map.of()));
        assertThat(plan.summary()).startsWith("would first finish an interrupted restore of shop");
        ModuleResult r = new MysqlRestore().apply(ctx(), args("owner", dump, Map.of()));
        assertThat(r.msg()).startsWith("An earlier restore of shop had been interrupted; it was rolled back first. restored shop");
        db.sql("UPDATE shop.oc_store SET name = 'Before the interrupted restore'");
        assertThat(DatabaseSnapshot.of(db, "shop")).isEqualTo(before);
    }

    @Test
    void aDumpFromMysqlDumpLoadsForAUserWithoutAlterOrLockTables() throws Exception {
        Path target = dir.resolve("shop.sql.gz");
        Map<String, Object> login = Map.of("login_host", "127.0.0.1", "login_port", db.port(), "login_user", "root");
        Map<String, Object> dumpArgs = new LinkedHashMap<>(login);
        dumpArgs.putAll(Map.of("name", "shop", "target", target.toString()));
        new MysqlDump().apply(ctx(), TestModuleContext.args(new MysqlDump(), dumpArgs));
        String dumped = DatabaseSnapshot.of(db, "shop");
        // A fresh database and a user that may not ALTER or LOCK TABLES there.
        db.sql("CREATE DATABASE copy; CREATE USER 'loader'@'127.0.0.1' IDENTIFIED BY 'pw';"
                + "GRANT SELECT, INSERT, CREATE, DROP, INDEX, REFERENCES ON copy.* TO 'loader'@'127.0.0.1';");
        try {
            Map<String, Object> m = new LinkedHashMap<>(Map.of("name", "copy", "src", target.toString(), "login_host", "127.0.0.1",
                    "login_port", db.port(), "login_user", "loader", "login_password", "pw"));
            ModuleResult r = new MysqlRestore().apply(ctx(), TestModuleContext.args(new MysqlRestore(), m));
            assertThat(r.msg()).startsWith("restored copy from " + target + ": 5 tables, 0 views");
            assertThat(DatabaseSnapshot.of(db, "copy").replace("copy", "shop")).isEqualTo(dumped);
        } finally {
            db.sql("DROP USER 'loader'@'127.0.0.1'");
        }
    }

    @Test
    void restoringIntoAMissingDatabaseCreatesItAndRemovesItAgainOnFailure() throws Exception {
        Path dump = plainDump("shop.sql");
        Path broken = dir.resolve("broken.sql");
        Files.writeString(broken, Files.readString(dump).replace("-- Dump completed", "SELEC 1;\n-- Dump completed"),
                StandardCharsets.UTF_8);
        Map<String, Object> m = Map.of("name", "copy");
        assertThatThrownBy(() -> new MysqlRestore().apply(ctx(), args("owner", broken, m)))
                .hasMessageContaining("copy did not exist before; the database created for the restore was removed again.");
        assertThat(db.sql("SHOW DATABASES LIKE 'copy'")).isEmpty();
        assertThat(new MysqlRestore().check(ctx().checkMode(true), args("owner", dump, m)).kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(new MysqlRestore().apply(ctx(), args("owner", dump, m)).msg()).startsWith("restored copy");
        assertThat(db.sql("SELECT name FROM copy.oc_store")).isEqualTo("Default\n");
    }

    @Test
    void credentialsFromAnOptionFileOnTheTarget() throws Exception {
        Path dump = plainDump("shop.sql");
        db.sql("CREATE TABLE shop.oc_new (x INT);");
        Path cnf = dir.resolve("my.cnf");
        Files.writeString(cnf, "[client]\nhost=127.0.0.1\nport=" + db.port() + "\nuser=owner\npassword=pw\n");
        Map<String, Object> m = Map.of("name", "shop", "src", dump.toString(), "config_file", cnf.toString());
        ModuleResult r = new MysqlRestore().apply(ctx(), TestModuleContext.args(new MysqlRestore(), m));
        assertThat(r.msg()).endsWith("removed oc_new (not in the dump)");
    }

    @Test
    void aDumpThatSwitchesToAnotherDatabaseIsRefused() throws Exception {
        Path dump = dir.resolve("all.sql");
        Process p = new ProcessBuilder("mariadb-dump", "--no-defaults", "-h127.0.0.1", "-P" + db.port(), "-uroot",
                "--databases", "shop").redirectOutput(dump.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        db.sql("CREATE DATABASE copy; CREATE TABLE copy.t (x INT); INSERT INTO copy.t VALUES (1);");
        String shop = DatabaseSnapshot.of(db, "shop");
        String copy = DatabaseSnapshot.of(db, "copy");
        assertThatThrownBy(() -> new MysqlRestore().apply(ctx(), args("owner", dump, Map.of("name", "copy"))))
                .hasMessageContaining("the dump switches to database shop itself (it was made with --databases)")
                .hasMessageContaining("Nothing was changed: copy is as it was.");
        assertThat(DatabaseSnapshot.of(db, "shop")).isEqualTo(shop);
        assertThat(DatabaseSnapshot.of(db, "copy")).isEqualTo(copy);
    }

    @Test
    void aDumpCutShortIsRefusedUnlessAllowed() throws Exception {
        String text = Files.readString(plainDump("shop.sql"));
        Path cut = dir.resolve("cut.sql");
        Files.writeString(cut, text.substring(0, text.indexOf("-- Table structure for table `oc_setting`")));
        String before = DatabaseSnapshot.of(db, "shop");
        assertThatThrownBy(() -> new MysqlRestore().check(ctx().checkMode(true), args("owner", cut, Map.of())))
                .hasMessageContaining("the dump does not end with the dump tool's '-- Dump completed' line");
        assertThatThrownBy(() -> new MysqlRestore().apply(ctx(), args("owner", cut, Map.of())))
                .hasMessageContaining("set allow_incomplete: true").hasMessageContaining("Nothing was changed: shop is as it was.");
        assertThat(DatabaseSnapshot.of(db, "shop")).isEqualTo(before);
        ModuleResult r = new MysqlRestore().apply(ctx(), args("owner", cut, Map.of("allow_incomplete", true)));
        assertThat(r.msg()).startsWith("restored shop from " + cut + ": 3 tables, 0 views; removed oc_setting, oc_store")
                .endsWith("(allow_incomplete: the dump has no '-- Dump completed' line)");
    }

    @Test
    void aRestoreInterruptedWhileDroppingTheOldTablesIsFinishedByTheNextOne() throws Exception {
        objectsOwnedBy("owner");
        Path dump = plainDump("shop.sql");
        String dumped = DatabaseSnapshot.of(db, "shop");
        SqlRunner sql = new SqlRunner(ctx(), MysqlLogin.from(args("owner", dump, Map.of())), false);
        Schema s = Schema.read(sql, "shop");
        List<RestoreJournal.Entry> entries = RestoreJournal.entries(s, s.definitions(sql, s.triggers()),
                s.definitions(sql, s.routinesAndEvents()));
        Restore restore = new Restore(sql, "shop");
        restore.prepare(entries);
        restore.moveAside(s, entries, true);
        restore.load(dump.toString());
        // Accepted (the journal's rename), then the controller died before the old tables were dropped.
        db.sql("RENAME TABLE shop._rb_restore TO shop._rb_restore_done");
        assertThat(db.sql("SHOW TABLES FROM shop LIKE '\\_rb\\_old\\_%'")).isNotEmpty();

        ModuleResult r = new MysqlRestore().apply(ctx(), args("owner", dump, Map.of()));
        assertThat(r.msg()).startsWith("An earlier restore of shop had been interrupted while removing the old tables; "
                + "that was finished first. restored shop");
        assertThat(db.sql("SHOW TABLES FROM shop LIKE '\\_rb%'")).isEmpty();
        assertThat(DatabaseSnapshot.of(db, "shop")).isEqualTo(dumped);
    }
}
