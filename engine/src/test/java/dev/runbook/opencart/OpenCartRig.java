package dev.runbook.opencart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.testing.MariaDbServer;
import dev.runbook.testing.OpenSshHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the OpenCart tests share: one real MariaDB, three real OpenSSH hosts, the real releases
 * served over HTTP, a work directory, and the shops installed in it (stopped by pid on close).
 * Writes inventories for runbooks/opencart/upgrade.yml and runs it.
 */
final class OpenCartRig implements AutoCloseable {
    static final Path RUNBOOK = Path.of("../runbooks/opencart/upgrade.yml").toAbsolutePath().normalize();

    final MariaDbServer db;
    final OpenSshHosts hosts;
    final OpenCartReleases releases;
    final Path work;
    private final List<OpenCartShop> shops = new ArrayList<>();

    private OpenCartRig(MariaDbServer db, OpenSshHosts hosts, OpenCartReleases releases, Path work) {
        this.db = db;
        this.hosts = hosts;
        this.releases = releases;
        this.work = work;
    }

    static OpenCartRig start() throws Exception {
        OpenCartShop.ensurePhp();
        MariaDbServer db = MariaDbServer.start();
        OpenSshHosts hosts = null;
        OpenCartReleases releases = null;
        try {
            hosts = OpenSshHosts.start(3);
            releases = OpenCartReleases.serve();
            return new OpenCartRig(db, hosts, releases, Files.createTempDirectory("runbook-opencart-"));
        } catch (Exception | Error e) {
            if (releases != null) {
                releases.close();
            }
            if (hosts != null) {
                hosts.close();
            }
            db.close();
            throw e;
        }
    }

    OpenCartShop shop(String name, String version, OpenCartShop.Layout layout) throws Exception {
        OpenCartShop shop = OpenCartShop.install(name, version, releases.zip(version), work, layout, db);
        shops.add(shop);
        return shop;
    }

    /** An inventory with one line per shop, the i-th shop on the i-th sshd. */
    Path inventory(String name, String target, List<OpenCartShop> list, String... extraVars) throws Exception {
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

    /** {@code runbook COMMAND upgrade.yml -i INVENTORY ...}'s arguments, with the rig's known hosts and state directory. */
    List<String> args(String command, Path inventory, String... more) {
        List<String> args = new ArrayList<>(List.of(command, RUNBOOK.toString(), "-i", inventory.toString(),
                "--known-hosts", hosts.knownHosts().toString(), "--state-dir", work.resolve("state").toString()));
        args.addAll(List.of(more));
        return args;
    }

    Cli.Result run(String command, Path inventory, String... more) {
        List<String> args = args(command, inventory, more);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        System.out.println("== runbook " + String.join(" ", args) + " → " + r.exit() + "\n" + r.out() + r.err());
        return r;
    }

    /** The shop's database password is in neither the output nor the state directory (journal, output files). */
    void assertNoSecrets(Cli.Result r, OpenCartShop shop) throws Exception {
        assertThat(r.out() + r.err()).doesNotContain(shop.dbPassword);
        Path state = work.resolve("state");
        if (!Files.exists(state)) {
            return;
        }
        try (var files = Files.walk(state)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(shop.dbPassword);
            }
        }
    }

    static String maintenance(OpenCartShop shop) {
        return shop.sql("SELECT value FROM oc_setting WHERE store_id = 0 AND `key` = 'config_maintenance';").trim();
    }

    /** The shop serves the real storefront at {@code version}, out of maintenance, without install/. */
    static void assertHealthyAt(OpenCartShop shop, String version) throws Exception {
        assertThat(shop.versions()).containsExactly(version, version);
        assertThat(maintenance(shop)).isEqualTo("0");
        assertThat(Files.exists(shop.root.resolve("install"))).isFalse();
        OpenCartShop.Reply front = shop.get("", null);
        assertThat(front.status()).isEqualTo(200);
        assertThat(front.body()).contains("<title>Your Store</title>").doesNotContain("Error:", "Warning:", "Fatal error");
    }

    @Override
    public void close() {
        shops.forEach(OpenCartShop::close);
        releases.close();
        hosts.close();
        db.close();
    }
}
