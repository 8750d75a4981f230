package dev.runbook.opencart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.testing.MariaDbServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * runbooks/opencart/upgrade.yml against real shops: real releases downloaded over HTTP and checked
 * by sha256, installed by their own installer, served by PHP 8.2 (OPcache on), their databases in
 * one real MariaDB, reached over real OpenSSH with sudo. One class, so the servers start once.
 */
@Timeout(1200)
class OpenCartUpgradeTest {
    static OpenCartRig rig;
    static MariaDbServer db;
    static OpenCartReleases releases;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        rig = OpenCartRig.start();
        db = rig.db;
        releases = rig.releases;
        work = rig.work;
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    static OpenCartShop shop(String name, String version, OpenCartShop.Layout layout) throws Exception {
        return rig.shop(name, version, layout);
    }

    static Path inventory(String name, String target, List<OpenCartShop> list, String... extraVars) throws Exception {
        return rig.inventory(name, target, list, extraVars);
    }

    static Cli.Result run(String command, Path inventory, String... more) {
        return rig.run(command, inventory, more);
    }

    /** Upgrades {@code shop} to {@code target} while probing its storefront; checks data and versions. */
    static void upgrade(OpenCartShop shop, String target, String inventoryName) throws Exception {
        ShopData before = ShopData.read(shop);
        Path inv = inventory(inventoryName, target, List.of(shop));
        StatusProbe probe = StatusProbe.start(shop);
        Cli.Result r = run("apply", inv);
        List<Integer> seen = probe.stop();
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        rig.assertNoSecrets(r, shop);
        assertThat(shop.versions()).containsExactly(target, target);
        assertThat(seen).as("storefront statuses during the run").startsWith(200).contains(503).endsWith(200);
        ShopData after = ShopData.read(shop);
        assertThat(before.lostIn(after)).isEmpty();
        for (String t : List.of("customer", "order", "order_product", "order_total", "order_history")) {
            assertThat(after.rows(t)).as(t).isEqualTo(before.rows(t));
        }
        OpenCartRig.assertHealthyAt(shop, target);
    }

    /** An option file with the database administrator's login, as /root/.my.cnf is on a real host. */
    static Path adminConfig() throws Exception {
        Path cnf = work.resolve("admin.cnf");
        Files.writeString(cnf, "[client]\nhost=127.0.0.1\nport=" + db.port() + "\nuser=root\n");
        Files.setPosixFilePermissions(cnf, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return cnf;
    }

    static String maintenance(OpenCartShop shop) {
        return OpenCartRig.maintenance(shop);
    }

    @Test
    void upgrades4021To4023AndASecondApplyChangesNothing() throws Exception {
        OpenCartShop shop = shop("shopa", "4.0.2.1", OpenCartShop.Layout.PLAIN);
        upgrade(shop, "4.0.2.3", "a");
        Cli.Result again = run("apply", work.resolve("a.ini"));
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).contains("changed=0  failed=0");
    }

    @Test
    void upgradesARenamedAdminWithStorageOutsideTheWebRootTo4103ThenTo4104() throws Exception {
        OpenCartShop shop = shop("shopb", "4.0.2.3", new OpenCartShop.Layout("backoffice", true));
        upgrade(shop, "4.1.0.3", "b1");
        assertThat(Files.exists(shop.root.resolve("admin"))).as("no admin/ beside the renamed one").isFalse();
        assertThat(Files.exists(shop.root.resolve("system/storage"))).as("storage stays outside the web root").isFalse();
        assertThat(Files.readString(shop.root.resolve("config.php"))).contains("define('DIR_STORAGE', '" + shop.storage + "/');");
        assertThat(Files.readString(shop.root.resolve("backoffice/config.php"))).contains("define('DIR_STORAGE', '" + shop.storage + "/');");
        assertThat(shop.get("backoffice/", null).status()).isEqualTo(200);

        upgrade(shop, "4.1.0.4", "b2");
        assertThat(Files.exists(shop.root.resolve("admin"))).isFalse();
        assertThat(Files.exists(shop.root.resolve("system/storage"))).isFalse();
        assertThat(Files.isDirectory(shop.storage.resolve("vendor"))).as("4.1.0.4 keeps its vendor code in storage").isTrue();
        Cli.Result again = run("apply", work.resolve("b2.ini"));
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).contains("changed=0  failed=0");
    }

    @Test
    void aSchemaPatchThatFailsMidChainIsRolledBack() throws Exception {
        OpenCartShop shop = shop("shopc", "4.0.2.1", OpenCartShop.Layout.PLAIN);
        db.sql("REVOKE ALTER ON shopc.* FROM 'shopc'@'%';");
        ShopData before = ShopData.read(shop);
        Cli.Result refused = run("apply", inventory("c0", "4.0.2.3", List.of(shop)));
        assertThat(refused.exit()).as(refused.out()).isEqualTo(2);
        assertThat(refused.out()).containsPattern("failed +shopc +preflight › The way back is possible")
                .contains("lacks ALTER on shopc").doesNotContain("maintenance-on › Maintenance on");
        assertThat(maintenance(shop)).isEqualTo("0");

        Path inv = inventory("c", "4.0.2.3", List.of(shop), "opencart_db_admin_config=" + adminConfig());
        Cli.Result r = run("apply", inv);
        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(r.out()).containsPattern("failed +shopc +1-click-upgrade › Run OpenCart's upgrade chain")
                .containsPattern("route=upgrade/upgrade_[0-9]+")
                .contains("ALTER command denied");
        assertThat(shop.versions()).containsExactly("4.0.2.1", "4.0.2.1");
        assertThat(maintenance(shop)).isEqualTo("0");
        assertThat(before.lostIn(ShopData.read(shop))).isEmpty();
        assertThat(Files.exists(shop.root.resolve("install"))).as("files the upgrade added are gone").isFalse();
        assertThat(Files.exists(shop.root.resolve("admin/controller/cms"))).as("a directory only 4.0.2.3 has").isFalse();
        OpenCartShop.Reply front = shop.get("", null);
        assertThat(front.status()).isEqualTo(200);
        assertThat(front.body()).contains("<title>Your Store</title>");
    }

    @Test
    void aReleaseWhoseChecksumDoesNotMatchStopsBeforeMaintenance() throws Exception {
        OpenCartShop shop = shop("shopd", "4.1.0.3", OpenCartShop.Layout.PLAIN);
        Path inv = inventory("d", "4.1.0.4", List.of(shop), "opencart_release_sha256=" + releases.sha256("4.1.0.3"));
        Cli.Result r = run("apply", inv);
        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(r.out()).containsPattern("failed +shopd +preflight › Download the release").contains("sha256");
        assertThat(r.out()).doesNotContain("maintenance-on › Maintenance on");
        assertThat(shop.versions()).containsExactly("4.1.0.3", "4.1.0.3");
        assertThat(maintenance(shop)).isEqualTo("0");
        assertThat(shop.get("", null).status()).isEqualTo(200);
    }

    @Test
    void aRollingRunStopsAfterTheShopThatFailed() throws Exception {
        List<OpenCartShop> fleet = List.of(shop("fleet1", "4.0.2.1", OpenCartShop.Layout.PLAIN),
                shop("fleet2", "4.0.2.1", OpenCartShop.Layout.PLAIN), shop("fleet3", "4.0.2.1", OpenCartShop.Layout.PLAIN));
        db.sql("REVOKE ALTER ON fleet2.* FROM 'fleet2'@'%';");
        ShopData second = ShopData.read(fleet.get(1));
        Cli.Result r = run("apply", inventory("fleet", "4.0.2.3", fleet, "opencart_db_admin_config=" + adminConfig()));
        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(fleet.get(0).versions()).containsExactly("4.0.2.3", "4.0.2.3");
        assertThat(fleet.get(1).versions()).containsExactly("4.0.2.1", "4.0.2.1");
        assertThat(second.lostIn(ShopData.read(fleet.get(1)))).isEmpty();
        assertThat(fleet.get(2).versions()).containsExactly("4.0.2.1", "4.0.2.1");
        assertThat(r.out()).doesNotContainPattern("(ok|changed) +fleet3 ");
        for (OpenCartShop s : fleet) {
            assertThat(maintenance(s)).as(s.name).isEqualTo("0");
            assertThat(s.get("", null).status()).as(s.name).isEqualTo(200);
        }
    }

    @Test
    void planChangesNothingAndShowsWhatWouldChange() throws Exception {
        OpenCartShop shop = shop("shope", "4.1.0.3", new OpenCartShop.Layout("manage", true));
        Path inv = inventory("e", "4.1.0.4", List.of(shop), "opencart_backup_dir=" + work.resolve("plan-backups"));
        String files = Snapshot.files(shop.root) + Snapshot.files(shop.storage);
        String database = Snapshot.database(db, shop.db);
        long start = System.nanoTime();
        Path saved = work.resolve("shope-plan.json");
        Cli.Result plan = run("plan", inv, "--out", saved.toString());
        System.out.printf("plan of one shop took %.1f s%n", (System.nanoTime() - start) / 1e9); // for docs/performance.md
        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
        assertThat(Snapshot.files(shop.root) + Snapshot.files(shop.storage)).isEqualTo(files);
        assertThat(Snapshot.database(db, shop.db)).isEqualTo(database);
        assertThat(Files.exists(work.resolve("plan-backups"))).isFalse();
        assertThat(plan.out()).contains("preflight", "maintenance-on", "backup", "1-click-upgrade", "modules-upgrade",
                "maintenance-off");
        assertThat(plan.out()).doesNotContain("would fail").doesNotContain(shop.dbPassword);
        assertThat(Files.readString(saved)).as("the saved plan").contains("4.1.0.3").doesNotContain(shop.dbPassword);
        // What the shop says about itself and what its database holds is read while planning ...
        assertThat(plan.out()).contains("= The shop  — OpenCart 4.1.0.3 -> 4.1.0.4 at " + shop.url() + ", admin manage, database shope");
        // ... so the steps that change it are predicted, not unknown
        assertThat(plan.out()).containsPattern("\\+ Download the release.*would download")
                .containsPattern("~ Maintenance on  — would run 2 statements \\(UPDATE")
                .containsPattern("\\+ Dump the database")
                .containsPattern("\\+ Archive the storage directory")
                .containsPattern("= Read maintenance state, store title and the number of tables  — read-only queries")
                .doesNotContainPattern("\\? (maintenance-on|backup|1-click-upgrade|maintenance-off|cleanup)  — when");
        // what only the downloaded release can tell stays unknown, and so does what it changes
        assertThat(plan.out()).containsPattern("\\? Copy the release over the web root.*depends on 'oc_release'")
                .containsPattern("\\? Run OpenCart's upgrade chain")
                .containsPattern("\\? Remove install/.*depends on what 'Copy the release over the web root")
                .containsPattern("\\? Maintenance off  — depends on what 'maintenance-on › Maintenance on' would change first");
    }

    @Test
    void upgradesAnExtensionTheNativeWayKeepingItsSettings() throws Exception {
        OpenCartShop shop = shop("shopf", "4.0.2.3", OpenCartShop.Layout.PLAIN);
        byte[] v1 = Extensions.zip("runbook_demo/v1");
        byte[] v2 = Extensions.zip("runbook_demo/v2");
        releases.add("runbook_demo-1.zip", v1);
        releases.add("runbook_demo-2.zip", v2);
        String first = "{\"opencart_extensions\": [{\"code\": \"runbook_demo\", \"url\": \"" + releases.url("runbook_demo-1.zip")
                + "\", \"sha256\": \"" + OpenCartReleases.sha256(v1) + "\"}]}";
        Cli.Result install = run("apply", inventory("f1", "4.0.2.3", List.of(shop)), "-e", first);
        assertThat(install.exit()).as(install.out()).isZero();
        assertThat(shop.sql("SELECT version FROM oc_extension_install WHERE code = 'runbook_demo';").trim()).isEqualTo("1.0.0");
        assertThat(shop.sql("SELECT CONCAT(type, ':', code) FROM oc_extension WHERE extension = 'runbook_demo';").trim())
                .isEqualTo("module:runbook_demo");
        assertThat(Files.readString(shop.root.resolve("extension/runbook_demo/catalog/controller/module/runbook_demo.php")))
                .contains("data-version=\"1.0.0\"");
        assertThat(shop.sql("SELECT value FROM oc_setting WHERE `key` = 'module_runbook_demo_text';"))
                .as("the module's own install() ran").isEqualTo("default text of version 1\n");
        assertThat(install.out()).as("the admin session never shows").doesNotContain("OCSESSID");
        assertThat(shop.sql("SELECT COUNT(*) FROM oc_session WHERE data LIKE '%user_id%';").trim())
                .as("the run's admin session is gone").isEqualTo("0");
        shop.sql("UPDATE oc_setting SET value = 'Hello from the owner' WHERE `key` = 'module_runbook_demo_text';"
                + "UPDATE oc_setting SET value = '1' WHERE `key` = 'module_runbook_demo_status';");

        String second = first.replace(releases.url("runbook_demo-1.zip"), releases.url("runbook_demo-2.zip"))
                .replace(OpenCartReleases.sha256(v1), OpenCartReleases.sha256(v2));
        Cli.Result upgrade = run("apply", work.resolve("f1.ini"), "-e", second);
        assertThat(upgrade.exit()).as(upgrade.out()).isZero();
        assertThat(shop.sql("SELECT version FROM oc_extension_install WHERE code = 'runbook_demo';").trim()).isEqualTo("2.0.0");
        assertThat(Files.readString(shop.root.resolve("extension/runbook_demo/catalog/controller/module/runbook_demo.php")))
                .contains("data-version=\"2.0.0\"");
        assertThat(shop.sql("SELECT CONCAT(`key`, '=', value) FROM oc_setting WHERE code = 'module_runbook_demo' ORDER BY `key`;"))
                .isEqualTo("module_runbook_demo_status=1\nmodule_runbook_demo_text=Hello from the owner\n");
        assertThat(maintenance(shop)).isEqualTo("0");

        Cli.Result again = run("apply", work.resolve("f1.ini"), "-e", second);
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).contains("changed=0  failed=0");
    }
}
