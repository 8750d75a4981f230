package dev.runbook.modules.files;

import static dev.runbook.modules.files.FilesTesting.converges;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.DebianPackages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ini_file: community.general's layout from fixture text, on this machine, and byte for byte against real Ansible. */
class IniFileTest {
    static final String PHP = "[PHP]\n; comment\nengine = On\n;memory_limit = 64M\n\n[Session]\nsession.name = PHPSESSID\n\n";
    static final String MY = "[client]\nport = 3306\n\n# tuning\n[mysqld]\nbind-address=127.0.0.1\nmax_connections = 100\n"
            + "# keep this comment\n\n";
    final IniFile module = new IniFile();

    @TempDir
    Path tmp;

    Plan plan(String content, Map<String, Object> raw) throws ModuleException {
        Map<String, Object> m = new HashMap<>(raw);
        m.put("path", "/etc/x.ini");
        String probe = content == null ? "U 0022\n0 A\n" : "U 0022\n0 F 81a4 0 0 1 1 10 1 root root\n";
        TextFile.Loaded f = TextFile.loaded(FileProbe.parse(List.of("/etc/x.ini"), probe),
                content == null ? null : content.getBytes(StandardCharsets.UTF_8));
        return IniFile.decide(f, FilesTesting.args(module, m), true);
    }

    String edit(String content, Map<String, Object> raw) throws ModuleException {
        Plan p = plan(content, raw);
        return p.actions().stream().filter(a -> a instanceof Action.Upload).findFirst()
                .map(a -> new String(LineInFileTest.readAll(((Action.Upload) a).data()), StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void optionsAreAddedChangedAndRemovedInTheirSection() throws Exception {
        assertThat(edit(PHP, Map.of("section", "PHP", "option", "memory_limit", "value", "256M")))
                .isEqualTo(PHP.replace(";memory_limit = 64M", "memory_limit = 256M"));
        assertThat(edit(MY, Map.of("section", "mysqld", "option", "bind-address", "value", "0.0.0.0")))
                .isEqualTo(MY.replace("bind-address=127.0.0.1", "bind-address = 0.0.0.0"));
        assertThat(edit(MY, Map.of("section", "mysqld", "option", "innodb_buffer_pool_size", "value", "1G")))
                .as("after the last line that is not blank or a comment")
                .isEqualTo(MY.replace("max_connections = 100\n", "max_connections = 100\ninnodb_buffer_pool_size = 1G\n"));
        assertThat(edit(MY, Map.of("section", "mysqld", "option", "max_connections", "state", "absent")))
                .isEqualTo(MY.replace("max_connections = 100\n", ""));
        assertThat(edit(MY, Map.of("section", "client", "state", "absent"))).isEqualTo(MY.replace("[client]\nport = 3306\n\n# tuning\n", ""));
        assertThat(edit(MY, Map.of("section", "mysqld", "option", "max_connections", "value", "100"))).isNull();
        Plan p = plan(MY, Map.of("section", "mysqld", "option", "skip-name-resolve", "allow_no_value", true));
        assertThat(p.change().summary()).isEqualTo("would add skip-name-resolve to [mysqld] in /etc/x.ini");
        assertThat(p.change().result()).containsEntry("msg", "option added").containsEntry("path", "/etc/x.ini");
    }

    @Test
    void newSectionsAndFilesAndMessages() throws Exception {
        assertThat(edit(MY, Map.of("section", "mysqldump", "option", "quick", "allow_no_value", true)))
                .isEqualTo(MY + "[mysqldump]\nquick\n");
        assertThat(edit(null, Map.of("section", "a", "option", "b", "value", "c", "no_extra_spaces", true))).isEqualTo("\n[a]\nb=c\n");
        assertThat(plan(null, Map.of("section", "a", "option", "b", "value", "c")).change().kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(edit("x = 1", Map.of("option", "x", "value", "1"))).as("the missing final newline is a change").isEqualTo("x = 1\n");
        assertThatThrownBy(() -> edit(null, Map.of("section", "a", "option", "b", "value", "c", "create", false)))
                .hasMessage("Destination /etc/x.ini does not exist!");
        assertThat(module.validate(FilesTesting.args(module, Map.of("path", "/x", "section", "a", "option", "b"))))
                .containsExactly("Parameter 'value(s)' must be defined if state=present and allow_no_value=False.");
    }

    @Test
    void onThisMachine() throws Exception {
        Path f = tmp.resolve("conf.d/my.cnf");
        ModuleResult r = converges(module, Map.of("path", f.toString(), "section", "mysqld", "option", "max_connections",
                "value", "200", "mode", "0640"), tmp, tmp, ChangeKind.CREATE);
        assertThat(Files.readString(f)).isEqualTo("\n[mysqld]\nmax_connections = 200\n");
        assertThat(FilesTesting.mode(f)).isEqualTo("0640");
        assertThat(r.data()).containsEntry("msg", "section and option added");
        converges(module, Map.of("path", f.toString(), "section", "mysqld", "option", "max_connections", "value", "300"),
                tmp, tmp, ChangeKind.CHANGE);
        assertThat(Files.readString(f)).isEqualTo("\n[mysqld]\nmax_connections = 300\n");
    }

    @Test
    void sameBytesFlagsAndMessagesAsAnsible() throws Exception {
        DebianPackages.ensure("/usr/bin/ansible-community", "ansible"); // the collections: community.general
        String ini = "community.general.ini_file";
        List<AnsibleOracle.Case> cases = List.of(
                new AnsibleOracle.Case(ini, Map.of("section", "PHP", "option", "memory_limit", "value", "256M"), PHP),
                new AnsibleOracle.Case(ini, Map.of("section", "mysqld", "option", "bind-address", "value", "0.0.0.0"), MY),
                new AnsibleOracle.Case(ini, Map.of("section", "mysqld", "option", "innodb_buffer_pool_size", "value", "1G"), MY),
                new AnsibleOracle.Case(ini, Map.of("section", "mysqld", "option", "max_connections", "value", "100"), MY),
                new AnsibleOracle.Case(ini, Map.of("section", "mysqld", "option", "max_connections", "state", "absent"), MY),
                new AnsibleOracle.Case(ini, Map.of("section", "client", "state", "absent"), MY),
                new AnsibleOracle.Case(ini, Map.of("section", "mysqldump", "option", "quick", "allow_no_value", true), MY),
                new AnsibleOracle.Case(ini, Map.of("section", "mysqld", "option", "skip-name-resolve", "allow_no_value", true), MY),
                new AnsibleOracle.Case(ini, Map.of("section", "a", "option", "b", "value", "c"), null),
                new AnsibleOracle.Case(ini, Map.of("section", "a", "option", "b", "value", "c", "no_extra_spaces", true), ""),
                new AnsibleOracle.Case(ini, Map.of("option", "top", "value", "1"), MY),
                new AnsibleOracle.Case(ini, Map.of("option", "x", "value", "1"), "x = 1"),
                new AnsibleOracle.Case(ini, Map.of("section", "php", "option", "extension", "values", List.of("gd", "zip")),
                        "[php]\nextension = mysqli\nextension=gd\n;extension = zip\nextension = curl\n"),
                new AnsibleOracle.Case(ini, Map.of("section", "php", "option", "extension", "values", List.of("gd", "intl"),
                        "exclusive", false), "[php]\nextension = mysqli\nextension=gd\n"),
                new AnsibleOracle.Case(ini, Map.of("section", "php", "option", "extension", "values", List.of("gd"),
                        "exclusive", false, "state", "absent"), "[php]\nextension = mysqli\nextension = gd\n"),
                new AnsibleOracle.Case(ini, Map.of("section", "Session", "option", "session.name", "value", "SHOP"),
                        PHP.replace("\n", "\r\n")),
                new AnsibleOracle.Case(ini, Map.of("section", "new", "option", "k", "value", "v"), "[old]\nk = v"));
        List<AnsibleOracle.Outcome> theirs = AnsibleOracle.run(tmp, cases);
        Path mine = Files.createDirectories(tmp.resolve("ours"));
        for (int i = 0; i < cases.size(); i++) {
            AnsibleOracle.Case c = cases.get(i);
            Path f = mine.resolve("case-" + i);
            if (c.before() != null) {
                Files.writeString(f, c.before());
            }
            Map<String, Object> args = new LinkedHashMap<>(c.args());
            args.put("path", f.toString());
            ModuleResult r = module.apply(FilesTesting.applyCtx(tmp), FilesTesting.args(module, args));
            String what = "case " + i + " " + c.args();
            assertThat(Files.exists(f) ? Files.readString(f) : null).as(what).isEqualTo(theirs.get(i).after());
            assertThat(r.changed()).as(what).isEqualTo(theirs.get(i).changed());
            assertThat(r.data().get("msg")).as(what).isEqualTo(theirs.get(i).msg());
        }
    }
}
