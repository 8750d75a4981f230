package dev.runbook.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixtures under inventory/ini and inventory/yaml describe the same inventory; the
 * ansible-*.json/txt files beside them are what ansible-inventory 2.14 prints for it.
 */
class InventoryTest {
    static Path fixture(String name) {
        try {
            return Path.of(InventoryTest.class.getResource("/inventory/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private final Inventory ini = Inventory.load(fixture("ini/hosts.ini"));
    private final Inventory yaml = Inventory.load(fixture("yaml/hosts.yml"));

    @Test
    void hostsInInventoryOrderWithRangesExpanded() {
        assertThat(ini.hosts()).extracting(Host::name).containsExactly("mail.example.com",
                "web01.example.com", "web02.example.com", "web03.example.com", "web-extra",
                "db-a", "db-b", "db-c", "db-x");
    }

    @Test
    void groupsWithChildrenAndDirectHosts() {
        assertThat(ini.groups().keySet()).containsExactly("all", "ungrouped", "web", "db", "app", "prod");
        assertThat(ini.groups().get("all").children()).containsExactly("ungrouped", "prod");
        assertThat(ini.groups().get("prod").children()).containsExactly("app");
        assertThat(ini.groups().get("app").children()).containsExactly("web", "db");
        assertThat(ini.groups().get("db").hosts()).containsExactly("db-a", "db-b", "db-c", "db-x");
        assertThat(ini.groups().get("ungrouped").hosts()).containsExactly("mail.example.com");
        assertThat(ini.host("web02.example.com").orElseThrow().groups())
                .containsExactly("all", "prod", "app", "web");
    }

    @Test
    void childGroupOverParentOverAllAndGroupVarsFilesOverInventory() {
        Host web02 = ini.host("web02.example.com").orElseThrow();
        assertThat(web02.vars()).containsExactly(
                entry("ntp", "time.example.com"), entry("tier", "frontend"), entry("max_conn", 250),
                entry("app_only", "yes"), entry("gotcha", "group_vars-all"), entry("quoted", "keep quotes"),
                entry("greeting", "hello world # not a comment"), entry("web_list", List.of("a", "b")),
                entry("http_port", 8080));
        Host dbA = ini.host("db-a").orElseThrow();
        assertThat(dbA.var("tier")).isEqualTo("database");
        assertThat(dbA.var("max_conn")).isEqualTo(1);
        assertThat(ini.host("mail.example.com").orElseThrow().vars()).containsOnly(
                entry("ntp", "time.example.com"), entry("tier", "none"), entry("max_conn", 1),
                entry("gotcha", "group_vars-all"));
    }

    @Test
    void hostVarsOverGroupVarsAndHostVarsFilesOverInlineVars() {
        Host web01 = ini.host("web01.example.com").orElseThrow();
        assertThat(web01.hostVars()).containsExactly(entry("http_port", 9090), entry("special", Map.of("x", 1)));
        Host extra = ini.host("web-extra").orElseThrow();
        assertThat(extra.groupVars()).containsEntry("tier", "frontend");
        assertThat(extra.var("tier")).isEqualTo("edge");
        assertThat(extra.hostVars()).containsExactly(entry("ansible_host", "10.0.0.9"), entry("ansible_port", 2222),
                entry("tier", "edge"), entry("note", "two words"), entry("enabled", true), entry("ratio", 0.5),
                entry("count", 7), entry("raw", "007"), entry("flag", "true"));
        assertThat(ini.host("db-x").orElseThrow().hostVars()).containsExactly(entry("ansible_port", 2200));
    }

    @Test
    void groupVarsCombineInventoryAndFiles() {
        assertThat(ini.groups().get("web").vars()).containsExactly(entry("tier", "frontend"), entry("max_conn", 250),
                entry("quoted", "keep quotes"), entry("greeting", "hello world # not a comment"),
                entry("web_list", List.of("a", "b")));
        assertThat(ini.groups().get("all").vars()).containsEntry("ntp", "time.example.com").containsEntry("tier", "none");
    }

    @Test
    void yamlInventoryResolvesExactlyLikeTheIniOne() {
        assertThat(yaml.hosts()).isEqualTo(ini.hosts());
        assertThat(yaml.groups().keySet()).containsExactlyInAnyOrderElementsOf(ini.groups().keySet());
        assertThat(yaml.groups().get("web")).isEqualTo(ini.groups().get("web"));
        assertThat(yaml.groups().get("app")).isEqualTo(ini.groups().get("app"));
    }

    @Test
    void outputIsWhatAnsibleInventoryPrints() throws Exception {
        for (Inventory inv : List.of(ini, yaml)) {
            assertThat(InventoryOutput.list(inv)).isEqualTo(Files.readString(fixture("ansible-list.json")));
            assertThat(InventoryOutput.graph(inv)).isEqualTo(Files.readString(fixture("ansible-graph.txt")));
            assertThat(InventoryOutput.host(inv, "web-extra"))
                    .isEqualTo(Files.readString(fixture("ansible-host-web-extra.json")));
        }
    }

    /** Each expectation is what ansible-inventory --host h1 prints for the same file. */
    @Test
    void siblingGroupsByNameUnlessPrioritised(@TempDir Path dir) throws Exception {
        assertThat(hostVar(dir, "[b]\nh1\n[a]\nh1\n[a:vars]\nv=a\n[b:vars]\nv=b\n")).isEqualTo("b");
        assertThat(hostVar(dir, "[b]\nh1\n[a]\nh1\n[a:vars]\nv=a\nansible_group_priority=10\n[b:vars]\nv=b\n"))
                .isEqualTo("a");
        assertThat(hostVar(dir, "[z:children]\na\n[a]\nh1\n[z]\nh1\n[z:vars]\nv=z\n[a:vars]\nv=a\n")).isEqualTo("a");
    }

    private static Object hostVar(Path dir, String ini) throws Exception {
        Path file = dir.resolve("hosts");
        Files.writeString(file, ini);
        return Inventory.load(file).host("h1").orElseThrow().var("v");
    }

    @Test
    void localhostRunsLocally() {
        Inventory local = Inventory.localhost();
        assertThat(local.hosts()).containsExactly(new Host("localhost", Map.of(),
                Map.of("ansible_connection", "local"), List.of("all", "ungrouped")));
        assertThat(local.groups().keySet()).containsExactly("all", "ungrouped");
        assertThat(local.select("all")).extracting(Host::name).containsExactly("localhost");
    }
}
