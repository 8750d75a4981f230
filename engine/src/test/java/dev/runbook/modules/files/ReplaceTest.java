package dev.runbook.modules.files;

import static dev.runbook.modules.files.FilesTesting.converges;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.local.LocalConnection;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.TestModuleContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replace: Python re semantics from fixture text, on this machine, and byte for byte against real Ansible. */
class ReplaceTest {
    static final String PHP = "[PHP]\n;memory_limit = 64M\nmax_execution_time = 30\n[Session]\nsession.name = PHPSESSID\n";
    final Replace module = new Replace();

    @TempDir
    Path tmp;

    Plan plan(String content, Map<String, Object> raw) throws ModuleException {
        Map<String, Object> m = new HashMap<>(raw);
        m.put("path", "/etc/x");
        String probe = content == null ? "U 0022\n0 A\n" : "U 0022\n0 F 81a4 0 0 1 1 10 1 root root\n";
        TextFile.Loaded f = TextFile.loaded(FileProbe.parse(List.of("/etc/x"), probe),
                content == null ? null : content.getBytes(StandardCharsets.UTF_8));
        return Replace.decide(f, FilesTesting.args(module, m), true);
    }

    String edit(String content, Map<String, Object> raw) throws ModuleException {
        Plan p = plan(content, raw);
        return p.actions().isEmpty() ? null : new String(LineInFileTest.readAll(((Action.Upload) p.actions().get(0)).data()),
                StandardCharsets.UTF_8);
    }

    @Test
    void everyMatchIsReplacedWithBackReferences() throws Exception {
        assertThat(edit(PHP, Map.of("regexp", "^;?(memory_limit)\\s*=.*$", "replace", "\\1 = 256M")))
                .isEqualTo(PHP.replace(";memory_limit = 64M", "memory_limit = 256M"));
        assertThat(edit("a=1\nb=2\n", Map.of("regexp", "^(?P<k>\\w)=(?P<v>\\d)$", "replace", "\\g<v>=\\g<k>")))
                .isEqualTo("1=a\n2=b\n");
        Plan p = plan(PHP, Map.of("regexp", "= (\\d+)", "replace", "= \\g<1>0"));
        assertThat(p.change().result()).containsEntry("msg", "2 replacements made");
        assertThat(p.change().summary()).isEqualTo("would replace 2 match(es) in /etc/x");
        assertThat(p.change().diff()).contains("-max_execution_time = 30\n", "+max_execution_time = 300\n");
        assertThat(edit(PHP, Map.of("regexp", "^nothing$", "replace", "x"))).isNull();
        assertThat(plan(PHP, Map.of("regexp", "^nothing$")).change().kind()).isEqualTo(ChangeKind.NONE);
    }

    @Test
    void afterAndBeforeLimitTheSection() throws Exception {
        String both = "x = 1\n[a]\nx = 1\n[b]\nx = 1\n";
        assertThat(edit(both, Map.of("regexp", "x = 1", "replace", "x = 2", "after", "\\[a\\]", "before", "\\[b\\]")))
                .isEqualTo("x = 1\n[a]\nx = 2\n[b]\nx = 1\n");
        assertThat(edit(both, Map.of("regexp", "x = 1", "replace", "x = 2", "after", "\\[a\\]")))
                .isEqualTo("x = 1\n[a]\nx = 2\n[b]\nx = 2\n");
        assertThat(edit(both, Map.of("regexp", "x = 1", "replace", "x = 2", "before", "\\[b\\]")))
                .isEqualTo("x = 2\n[a]\nx = 2\n[b]\nx = 1\n");
        assertThat(plan(both, Map.of("regexp", "x", "after", "\\[zzz\\]")).change().result().get("msg"))
                .isEqualTo("Pattern for before/after params did not match the given file: \\[zzz\\](?P<subsection>.*)");
    }

    @Test
    void pythonMeaningsWhereJavaDiffers() throws Exception {
        assertThat(edit("a\nb\n", Map.of("regexp", "^", "replace", "# "))).as("^ also after the last newline").isEqualTo("# a\n# b\n# ");
        assertThat(edit("listen {port};\n", Map.of("regexp", "listen {port}", "replace", "listen 80"))).isEqualTo("listen 80;\n");
        assertThat(edit("end\n\n\n", Map.of("regexp", "\\n+\\Z", "replace", "\\n"))).isEqualTo("end\n");
        assertThat(edit("café au lait\n", Map.of("regexp", "^\\w+", "replace", "thé"))).isEqualTo("thé au lait\n");
        assertThat(edit("a[1]\n", Map.of("regexp", "[[\\]]", "replace", ""))).isEqualTo("a1\n");
    }

    @Test
    void missingFileFailsAndBadRegexIsReportedUpFront() {
        assertThatThrownBy(() -> edit(null, Map.of("regexp", "x"))).hasMessage("Path /etc/x does not exist !");
        assertThat(module.validate(FilesTesting.args(module, Map.of("path", "/x", "regexp", "(unclosed"))))
                .singleElement().asString().startsWith("regexp '(unclosed' is not a valid regular expression");
    }

    @Test
    void onThisMachine() throws Exception {
        Path f = Files.writeString(tmp.resolve("php.ini"), PHP);
        FilesTesting.setMode(f, 0640);
        ModuleResult r = converges(module, Map.of("path", f.toString(), "regexp", "^;?(memory_limit)\\s*=.*$",
                "replace", "\\1 = 256M", "backup", true), tmp, tmp, ChangeKind.CHANGE);
        assertThat(Files.readString(f)).isEqualTo(PHP.replace(";memory_limit = 64M", "memory_limit = 256M"));
        assertThat(FilesTesting.mode(f)).isEqualTo("0640");
        assertThat(Files.readString(Path.of((String) r.data().get("backup_file")))).isEqualTo(PHP);
        assertThat(r.data()).containsEntry("msg", "1 replacements made");
    }

    @Test
    void sameBytesFlagsAndMessagesAsAnsible() throws Exception {
        String hosts = "127.0.0.1 localhost\n# old db\n10.0.0.1 db.example.com db\n\n\n";
        List<AnsibleOracle.Case> cases = List.of(
                new AnsibleOracle.Case("replace", Map.of("regexp", "^;?(memory_limit)\\s*=.*$", "replace", "\\1 = 256M"), PHP),
                new AnsibleOracle.Case("replace", Map.of("regexp", "^(?P<k>[\\w.]+) = (?P<v>.*)$", "replace", "\\g<v> = \\g<k>"), PHP),
                new AnsibleOracle.Case("replace", Map.of("regexp", "= (\\d+)", "replace", "= \\g<1>0", "after", "\\[PHP\\]",
                        "before", "\\[Session\\]"), PHP),
                new AnsibleOracle.Case("replace", Map.of("regexp", "^", "replace", "# "), "a\nb\n"),
                new AnsibleOracle.Case("replace", Map.of("regexp", "^\\s*#.*\\n", "replace", ""), hosts),
                new AnsibleOracle.Case("replace", Map.of("regexp", "\\n*\\Z", "replace", "\\n"), hosts),
                new AnsibleOracle.Case("replace", Map.of("regexp", "x*", "replace", "-"), "abxd\n"),
                new AnsibleOracle.Case("replace", Map.of("regexp", "\\bdb\\b", "replace", "database"), hosts),
                new AnsibleOracle.Case("replace", Map.of("regexp", "listen {port}", "replace", "listen 80"), "listen {port};\n"),
                new AnsibleOracle.Case("replace", Map.of("regexp", "^\\w+", "replace", "thé"), "café au lait\n"),
                new AnsibleOracle.Case("replace", Map.of("regexp", "nothing", "replace", "x"), PHP),
                new AnsibleOracle.Case("replace", Map.of("regexp", "x", "after", "\\[zzz\\]"), PHP),
                new AnsibleOracle.Case("replace", Map.of("regexp", "(a)|b", "replace", "[\\1]"), "ab\n"),
                new AnsibleOracle.Case("replace", Map.of("regexp", "$", "replace", ";"), "a\nb"));
        List<AnsibleOracle.Outcome> theirs = AnsibleOracle.run(tmp, cases);
        Path mine = Files.createDirectories(tmp.resolve("ours"));
        for (int i = 0; i < cases.size(); i++) {
            AnsibleOracle.Case c = cases.get(i);
            Path f = Files.writeString(mine.resolve("case-" + i), c.before());
            Map<String, Object> args = new LinkedHashMap<>(c.args());
            args.put("path", f.toString());
            ModuleResult r = module.apply(new TestModuleContext(new LocalConnection("localhost")), FilesTesting.args(module, args));
            String what = "case " + i + " " + c.args();
            assertThat(Files.readString(f)).as(what).isEqualTo(theirs.get(i).after());
            assertThat(r.changed()).as(what).isEqualTo(theirs.get(i).changed());
            assertThat(r.data().get("msg")).as(what).isEqualTo(theirs.get(i).msg());
        }
    }
}
