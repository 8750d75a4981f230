package dev.runbook.opencart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.testing.MariaDbServer;
import dev.runbook.testing.OpenSshHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    static final Path RUNBOOK = Path.of("../runbooks/opencart/upgrade.yml").toAbsolutePath().normalize();
    static MariaDbServer db;
    static OpenSshHosts hosts;
    static OpenCartReleases releases;
    static Path work;
    static final List<OpenCartShop> shops = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        OpenCartShop.ensurePhp();
        db = MariaDbServer.start();
        hosts = OpenSshHosts.start(3);
        releases = OpenCartReleases.serve();
        work = Files.createTempDirectory("runbook-opencart-");
    }

    @AfterAll
    static void stop() {
        shops.forEach(OpenCartShop::close);
        if (releases != null) {
            releases.close();
        }
        if (hosts != null) {
            hosts.close();
        }
        if (db != null) {
            db.close();
        }
    }

    static OpenCartShop shop(String name, String version, OpenCartShop.Layout layout) throws Exception {
        OpenCartShop shop = OpenCartShop.install(name, version, releases.zip(version), work, layout, db);
        shops.add(shop);
        return shop;
    }

    /** An inventory with one line per shop, the i-th shop on the i-th sshd. */
    static Path inventory(String name, String target, List<OpenCartShop> list, String... extraVars) throws Exception {
        StringBuilder inv = new StringBuilder("[shops]\n");
        for (int i = 0; i < list.size(); i++) {
            OpenCartShop s = list.get(i);
            inv.append(s.name).append(" ansible_host=127.0.0.1 ansible_port=").append(hosts.port(i % hosts.size()))
                    .append(" opencart_root=").append(s.root).append('\n');
        }
        inv.append("[shops:vars]\nansible_user=").append(OpenSshHosts.USER)
                .append("\nansible_ssh_private_key_file=").append(hosts.clientKey())
                .append("\nansible_become=true")
                .append("\nopencart_version=").append(target)
                .append("\nopencart_release_url=").append(releases.releaseUrl(target))
                .append("\nopencart_release_sha256=").append(releases.sha256(target))
                .append("\nopencart_backup_dir=").append(work.resolve("backups"))
                .append("\nopencart_system_update=false\n");
        for (String v : extraVars) {
            inv.append(v).append('\n');
        }
        Path file = work.resolve(name + ".ini");
        Files.writeString(file, inv);
        return file;
    }

    static Cli.Result run(String command, Path inventory, String... more) {
        List<String> args = new ArrayList<>(List.of(command, RUNBOOK.toString(), "-i", inventory.toString(),
                "--known-hosts", hosts.knownHosts().toString(), "--state-dir", work.resolve("state").toString()));
        args.addAll(List.of(more));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        System.out.println("== runbook " + String.join(" ", args) + " → " + r.exit() + "\n" + r.out() + r.err());
        return r;
    }

    @Test
    void upgrades4021To4023AndASecondApplyChangesNothing() throws Exception {
        OpenCartShop shop = shop("shopa", "4.0.2.1", OpenCartShop.Layout.PLAIN);
        ShopData before = ShopData.read(shop);
        Path inv = inventory("a", "4.0.2.3", List.of(shop));
        StatusProbe probe = StatusProbe.start(shop);
        Cli.Result r = run("apply", inv);
        List<Integer> seen = probe.stop();
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(shop.versions()).containsExactly("4.0.2.3", "4.0.2.3");
        assertThat(seen).contains(503);
        assertThat(seen.get(seen.size() - 1)).isEqualTo(200);
        assertThat(before.lostIn(ShopData.read(shop))).isEmpty();
        assertThat(Files.exists(shop.root.resolve("install"))).isFalse();
        assertThat(shop.get("", null).status()).isEqualTo(200);

        Cli.Result again = run("apply", inv);
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).contains("changed=0");
    }
}
