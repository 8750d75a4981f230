package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `runbook inventory` through the real command line, output compared with ansible-inventory's. */
class InventoryCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return RunbookCommand.newCommandLine(new PrintWriter(out), new PrintWriter(err), Terminal.PLAIN).execute(args);
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(InventoryCommandTest.class.getResource("/inventory/" + name).toURI());
    }

    @Test
    void listPrintsWhatAnsibleInventoryListPrints() throws Exception {
        assertThat(run("inventory", "-i", fixture("ini/hosts.ini").toString(), "--list")).isZero();
        assertThat(out.toString()).isEqualTo(Files.readString(fixture("ansible-list.json")));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void graphOfTheYamlInventory() throws Exception {
        assertThat(run("inventory", "--inventory", fixture("yaml/hosts.yml").toString(), "--graph")).isZero();
        assertThat(out.toString()).isEqualTo("""
                @all:
                  |--@ungrouped:
                  |  |--mail.example.com
                  |--@prod:
                  |  |--@app:
                  |  |  |--@web:
                  |  |  |  |--web01.example.com
                  |  |  |  |--web02.example.com
                  |  |  |  |--web03.example.com
                  |  |  |  |--web-extra
                  |  |  |--@db:
                  |  |  |  |--db-a
                  |  |  |  |--db-b
                  |  |  |  |--db-c
                  |  |  |  |--db-x
                """);
    }

    @Test
    void graphFromOneGroup() throws Exception {
        assertThat(run("inventory", "-i", fixture("ini/hosts.ini").toString(), "--graph", "app")).isZero();
        assertThat(out.toString()).isEqualTo("""
                @app:
                  |--@web:
                  |  |--web01.example.com
                  |  |--web02.example.com
                  |  |--web03.example.com
                  |  |--web-extra
                  |--@db:
                  |  |--db-a
                  |  |--db-b
                  |  |--db-c
                  |  |--db-x
                """);
        assertThat(run("inventory", "-i", fixture("ini/hosts.ini").toString(), "--graph", "apps")).isEqualTo(4);
        assertThat(err.toString()).isEqualTo("""
                error: no group 'apps' in the inventory — did you mean 'app'?
                1 error; nothing was run
                """);
    }

    @Test
    void hostPrintsOneHostsMergedVariables() throws Exception {
        assertThat(run("inventory", "-i", fixture("ini/hosts.ini").toString(), "--host", "db-x")).isZero();
        assertThat(out.toString()).isEqualTo("""
                {
                    "ansible_port": 2200,
                    "app_only": "yes",
                    "gotcha": "group_vars-all",
                    "max_conn": 1,
                    "ntp": "time.example.com",
                    "tier": "database"
                }
                """);
    }

    @Test
    void withoutAnInventoryOnlyLocalhost() {
        assertThat(run("inventory", "--list")).isZero();
        assertThat(out.toString()).isEqualTo("""
                {
                    "_meta": {
                        "hostvars": {
                            "localhost": {
                                "ansible_connection": "local"
                            }
                        }
                    },
                    "all": {
                        "children": [
                            "ungrouped"
                        ]
                    },
                    "ungrouped": {
                        "hosts": [
                            "localhost"
                        ]
                    }
                }
                """);
    }

    @Test
    void anUnknownHostExitsFourWithASuggestion() throws Exception {
        assertThat(run("inventory", "-i", fixture("ini/hosts.ini").toString(), "--host", "db-y")).isEqualTo(4);
        assertThat(err.toString()).isEqualTo("""
                error: no host 'db-y' in the inventory — did you mean 'db-a'?
                1 error; nothing was run
                """);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aBrokenInventoryExitsFourWithItsPosition(@TempDir Path dir) throws Exception {
        Path inv = dir.resolve("hosts");
        Files.writeString(inv, "[web]\nweb[1:]\n");
        assertThat(run("inventory", "-i", inv.toString(), "--graph")).isEqualTo(4);
        assertThat(err.toString()).isEqualTo(inv + """
                :2:1: error: bad host range in 'web[1:]': the range [1:] has no end value
                 2 | web[1:]
                   | ^
                1 error; nothing was run
                """);
    }

    @Test
    void passwordsAreNeverPrinted(@TempDir Path dir) throws Exception {
        Path inv = dir.resolve("hosts");
        Files.writeString(inv, "[web]\nw1 ansible_password=hunter2 ansible_user=bob\n[web:vars]\nansible_become_pass='s3cret'\n");
        assertThat(run("inventory", "-i", inv.toString(), "--host", "w1")).isZero();
        assertThat(out.toString()).isEqualTo("""
                {
                    "ansible_become_pass": "********",
                    "ansible_password": "********",
                    "ansible_user": "bob"
                }
                """);
        assertThat(run("inventory", "-i", inv.toString(), "--list")).isZero();
        assertThat(out.toString()).contains("\"ansible_password\": \"********\"").doesNotContain("hunter2", "s3cret");
    }

    @Test
    void oneViewMustBeChosen() throws Exception {
        assertThat(run("inventory", "-i", fixture("ini/hosts.ini").toString())).isEqualTo(4);
        assertThat(err.toString()).startsWith("runbook: Error: Missing required argument (specify one of these): (--list | --graph | --host=NAME)");
        err.getBuffer().setLength(0);
        assertThat(run("inventory", "--list", "--graph")).isEqualTo(4);
        assertThat(err.toString()).isEqualTo("""
                runbook: Error: --list, --graph are mutually exclusive (specify only one)
                Try 'runbook inventory --help' for more information.
                """);
    }
}
