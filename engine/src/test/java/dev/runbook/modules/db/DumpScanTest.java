package dev.runbook.modules.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dump's statement lines, as the scan's grep prints them, read into what the restore must know. */
class DumpScanTest {
    /** Lines of a mariadb-dump 10.11 dump with a view, a trigger, a procedure and the default LOCK/DISABLE KEYS. */
    static final String MARIADB_DUMP = """
            CREATE TABLE `oc_order` (
            LOCK TABLES `oc_order` WRITE;
            /*!40000 ALTER TABLE `oc_order` DISABLE KEYS */;
            /*!40000 ALTER TABLE `oc_order` ENABLE KEYS */;
            /*!50003 CREATE*/ /*!50017 DEFINER=`shop`@`localhost`*/ /*!50003 TRIGGER trg_store BEFORE INSERT ON `oc_store` FOR EACH ROW SET NEW.name = UPPER(NEW.name) */;;
            CREATE TABLE `odd``name` (
            /*!50001 CREATE VIEW `v_orders` AS SELECT
            CREATE DEFINER=`root`@`localhost` PROCEDURE `count_orders`()
            /*!50001 CREATE ALGORITHM=UNDEFINED */
            /*!50013 DEFINER=`shop`@`localhost` SQL SECURITY DEFINER */
            /*!50001 VIEW `v_orders` AS select 1 AS `x` */;
            -- Dump completed on 2026-11-29 11:55:49
            """;

    @Test
    void readsTablesViewsObjectsAndThePrivilegesTheirStatementsNeed() {
        DumpScan s = DumpScan.parse(MARIADB_DUMP);
        assertThat(s.tables()).containsExactlyInAnyOrder("oc_order", "odd`name");
        assertThat(s.views()).containsExactly("v_orders");
        assertThat(s.triggers()).isTrue();
        assertThat(s.routines()).isTrue();
        assertThat(s.events()).isFalse();
        assertThat(s.locks()).isTrue();
        assertThat(s.alters()).isTrue();
        assertThat(s.definers()).containsExactlyInAnyOrder("shop@localhost", "root@localhost");
        assertThat(s.databases()).isEmpty();
        assertThat(s.complete()).isTrue();
        assertThat(s.privileges()).containsExactly("LOCK TABLES", "CREATE VIEW", "TRIGGER", "CREATE ROUTINE", "ALTER ROUTINE");
    }

    @Test
    void aDumpOfMysqlDumpNeedsNothingExtraAndADatabasesDumpNamesItsDatabase() {
        DumpScan plain = DumpScan.parse("CREATE TABLE `oc_setting` (\n-- Dump completed on 2026-11-29\n");
        assertThat(plain.privileges()).isEmpty();
        assertThat(plain.alters()).isFalse();
        DumpScan databases = DumpScan.parse("CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;\n"
                + "USE `shop`;\nCREATE TABLE `t` (\n");
        assertThat(databases.databases()).isEqualTo(Set.of("shop"));
        assertThat(databases.complete()).isFalse();
    }
}
