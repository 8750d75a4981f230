package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.testing.RealAnsible;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inventory directories, scripts and several -i, each compared with what the real
 * ansible-inventory --list prints for the same sources.
 */
class InventorySourcesTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void inventories() throws Exception {
        Path inv = Files.createDirectories(dir.resolve("inv"));
        Files.writeString(inv.resolve("01-static"), """
                [web]
                web1 ansible_host=10.0.0.1 http_port=8080
                web2

                [db]
                db1 ansible_port=2222

                [prod:children]
                web
                db

                [web:vars]
                tier=frontend
                """);
        Files.writeString(inv.resolve("02-cloud.yml"), """
                all:
                  children:
                    cache:
                      hosts:
                        cache[1:2].example.com:
                          mem: 512
                    web:
                      hosts:
                        web3:
                      vars:
                        from_yaml: yes
                """);
        Files.writeString(inv.resolve("hosts.ini"), "[ignored_because_ini]\nnever\n");
        Files.writeString(inv.resolve("README.md"), "# not an inventory\n");
        Files.writeString(inv.resolve(".hidden"), "[hidden]\nnope\n");
        Files.writeString(inv.resolve("backup~"), "[backup]\nnope\n");
        script(inv.resolve("03-dynamic.py"), """
                import json, sys
                if sys.argv[1] == '--list':
                    print(json.dumps({
                        'dynamic': {'hosts': ['dyn1', 'web1'], 'vars': {'region': 'eu', 'zones': [1, 2]}, 'children': ['lb']},
                        'lb': ['lb1'],
                        'solo': {'solo_var': 'x'},
                        '_meta': {'hostvars': {'dyn1': {'ansible_host': '10.1.0.1', 'nested': {'a': [True, None]}},
                                               'web1': {'http_port': 9090}}}}))
                """);
        Files.createDirectories(inv.resolve("more"));
        Files.writeString(inv.resolve("more/extra.yaml"), "extra:\n  hosts:\n    x1:\n");
        Files.createDirectories(inv.resolve("group_vars/web"));
        Files.writeString(inv.resolve("group_vars/all.yml"), "ntp: time.example.com\ntier: none\n");
        Files.writeString(inv.resolve("group_vars/web/10-main.yml"), "max_conn: 100\n");
        Files.writeString(inv.resolve("group_vars/web/20-override.yml"), "max_conn: 200\ntier: web\n");
        Files.writeString(inv.resolve("group_vars/prod.json"), "{\"env\": \"production\"}\n");
        Files.createDirectories(inv.resolve("host_vars"));
        Files.writeString(inv.resolve("host_vars/db1.yml"), "role: primary\n");

        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("hosts"), "[web]\nweb9\n[db]\ndb1 from_other=1\n");
        Files.createDirectories(other.resolve("group_vars"));
        Files.writeString(other.resolve("group_vars/web.yml"), "max_conn: 999\n");
        Files.writeString(other.resolve("group_vars/all.yml"), "ntp: other.example.com\n");

        script(dir.resolve("nometa.py"), """
                import json, sys
                if sys.argv[1] == '--list':
                    print(json.dumps({'app': {'hosts': ['a1', 'a2']}, 'all': {'vars': {'top': 1}}}))
                else:
                    print(json.dumps({'asked_for': sys.argv[2]}))
                """);
    }

    private static void script(Path p, String body) throws Exception {
        Files.writeString(p, "#!/usr/bin/env python3\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void sameAsAnsible(String... sources) {
        List<String> ours = new ArrayList<>(List.of("inventory", "--list"));
        List<String> theirs = new ArrayList<>(List.of("ansible-inventory", "--list"));
        for (String s : sources) {
            ours.addAll(List.of("-i", s));
            theirs.addAll(List.of("-i", s));
        }
        RealAnsible.Result expected = RealAnsible.run(dir, Map.of(), null, theirs.toArray(String[]::new)).requireOk();
        // A group given as a plain mapping of variables is also a host of that name: Ansible warns, and that is all.
        String warnings = expected.err().replaceAll("\\[WARNING\\]: Found both group and host with same name: solo\\s*", "");
        assertThat(warnings).as("ansible-inventory warned: %s", warnings).doesNotContain("WARNING");
        Cli.Result r = Cli.run(Cli.env(dir, Map.of(), null), ours.toArray(String[]::new));
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(expected.out());
    }

    @Test
    void aDirectoryMixingIniYamlAndAScriptWithItsVarsDirectories() {
        sameAsAnsible("inv");
    }

    @Test
    void severalSourcesMergeAndEachBringsItsOwnVarsDirectories() {
        sameAsAnsible("inv", "other/hosts");
        sameAsAnsible("other/hosts", "inv");
    }

    @Test
    void aScriptWithoutMetaIsAskedForEachHost() {
        sameAsAnsible("nometa.py");
        sameAsAnsible("nometa.py", "inv/01-static");
    }

    @Test
    void aHostListIsUngroupedHosts() {
        sameAsAnsible("h1,h2:2222,");
    }

    @Test
    void inventoryFileAndDirAreWhereEachHostWasFirstSeen() throws Exception {
        Path magic = dir.resolve("magic");
        Files.createDirectories(magic.resolve("00-sub"));
        Files.writeString(magic.resolve("00-sub/10-local"), "[app]\nlocalhost ansible_connection=local\n");
        Files.writeString(dir.resolve("magic/20-again.yml"), "all:\n  hosts:\n    localhost:\n");
        String theirs = RealAnsible.run(dir, Map.of(), null, "ansible", "-i", "magic", "localhost", "-m", "debug", "-a",
                "msg={{ inventory_file }}|{{ inventory_dir }}").requireOk().out();
        Files.writeString(dir.resolve("magic.yml"), """
                runbook: magic
                hosts: app
                steps:
                  show:
                    tasks:
                      - debug:
                          msg: "{{ inventory_file }}|{{ inventory_dir }}"
                """);
        Cli.Result ours = Cli.run(Cli.env(dir, Map.of(), null), "apply", dir.resolve("magic.yml").toString(), "-i", "magic");
        assertThat(ours.exit()).as(ours.err()).isZero();
        String expected = magic.resolve("00-sub/10-local") + "|" + magic.resolve("00-sub");
        assertThat(theirs).contains("\"msg\": \"" + expected + "\"");
        assertThat(ours.out()).contains("— " + expected);
    }
}
