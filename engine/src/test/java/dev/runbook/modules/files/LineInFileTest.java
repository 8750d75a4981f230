package dev.runbook.modules.files;

import static dev.runbook.modules.files.FilesTesting.converges;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lineinfile: Ansible's edit rules from fixture text, then the module on this machine. */
class LineInFileTest {
    static final String CONF = "# sshd\n#PasswordAuthentication yes\nPort 22\nPasswordAuthentication yes\nUsePAM yes\n";
    final LineInFile module = new LineInFile();

    @TempDir
    Path tmp;

    /** Runs the module's decision on fixture content; returns the new text, or null if unchanged. */
    String edit(String content, Map<String, Object> raw) throws ModuleException {
        Map<String, Object> m = new HashMap<>(raw);
        m.put("path", "/etc/x");
        String probe = content == null ? "U 0022\n0 A\n" : "U 0022\n0 F 81a4 0 0 1 1 10 1 root root\n";
        byte[] old = content == null ? null : content.getBytes(StandardCharsets.UTF_8);
        TextFile.Loaded f = TextFile.loaded(FileProbe.parse(List.of("/etc/x"), probe), old);
        Plan p = LineInFile.decide(f, FilesTesting.args(module, m), true);
        return p.actions().isEmpty() ? null
                : new String(readAll(((Action.Upload) p.actions().get(p.actions().size() - 1)).data()), StandardCharsets.UTF_8);
    }

    static byte[] readAll(Content c) {
        try (var in = c.open()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void lastRegexpMatchIsReplacedOrFirstWithFirstmatch() throws Exception {
        Map<String, Object> a = Map.of("regexp", "^#?PasswordAuthentication", "line", "PasswordAuthentication no");
        assertThat(edit(CONF, a)).isEqualTo(CONF.replace("Port 22\nPasswordAuthentication yes", "Port 22\nPasswordAuthentication no"));
        Map<String, Object> first = new HashMap<>(a);
        first.put("firstmatch", true);
        assertThat(edit(CONF, first)).isEqualTo(CONF.replace("#PasswordAuthentication yes", "PasswordAuthentication no"));
        assertThat(edit(edit(CONF, a), a)).as("second run changes nothing").isNull();
    }

    @Test
    void withoutAMatchTheLineGoesAfterTheLastInsertafterMatchOrAtTheEnd() throws Exception {
        assertThat(edit(CONF, Map.of("regexp", "^MaxAuthTries", "line", "MaxAuthTries 3", "insertafter", "^#?Pass")))
                .isEqualTo(CONF.replace("PasswordAuthentication yes\nUsePAM", "PasswordAuthentication yes\nMaxAuthTries 3\nUsePAM"));
        assertThat(edit(CONF, Map.of("line", "MaxAuthTries 3", "insertbefore", "^Port")))
                .isEqualTo(CONF.replace("Port 22", "MaxAuthTries 3\nPort 22"));
        assertThat(edit(CONF, Map.of("line", "MaxAuthTries 3", "insertafter", "^NoSuchLine"))).isEqualTo(CONF + "MaxAuthTries 3\n");
        assertThat(edit(CONF, Map.of("line", "Banner none", "insertbefore", "BOF"))).isEqualTo("Banner none\n" + CONF);
        assertThat(edit("a\nb", Map.of("line", "c"))).as("a newline is added before appending").isEqualTo("a\nb\nc\n");
    }

    @Test
    void anExactLineAnywhereMeansNoChange() throws Exception {
        assertThat(edit(CONF, Map.of("line", "Port 22", "insertbefore", "BOF"))).isNull();
        assertThat(edit(CONF, Map.of("search_string", "UsePAM", "line", "UsePAM no")))
                .isEqualTo(CONF.replace("UsePAM yes", "UsePAM no"));
    }

    @Test
    void backrefsExpandPythonStyleAndLeaveTheFileWithoutAMatch() throws Exception {
        assertThat(edit(CONF, Map.of("regexp", "^Port (\\d+)$", "line", "Port 2\\1", "backrefs", true)))
                .isEqualTo(CONF.replace("Port 22", "Port 222"));
        assertThat(edit(CONF, Map.of("regexp", "^(?P<k>UsePAM) yes", "line", "\\g<k> no", "backrefs", true)))
                .isEqualTo(CONF.replace("UsePAM yes", "UsePAM no"));
        assertThat(edit(CONF, Map.of("regexp", "^Nope (.*)", "line", "x \\1", "backrefs", true))).isNull();
    }

    @Test
    void pythonRegexSyntaxIsUnderstood() {
        var named = PyRegex.compile("^(?P<k>\\w+)=(?P=k)$", "regexp").matcher("ab=ab\n");
        assertThat(named.find()).as("$ matches before the line's newline, (?P=k) refers back").isTrue();
        assertThat(PyRegex.expand(named, "\\g<k>:\\1\\t\\\\")).isEqualTo("ab:ab\t\\");
        assertThat(PyRegex.compile("a.b", "regexp").matcher("a\rb").find()).as("only \\n ends a line").isTrue();
    }

    @Test
    void absentRemovesEveryMatch() throws Exception {
        assertThat(edit(CONF, Map.of("regexp", "PasswordAuthentication", "state", "absent"))).isEqualTo("# sshd\nPort 22\nUsePAM yes\n");
        assertThat(edit(null, Map.of("line", "x", "state", "absent"))).isNull();
    }

    @Test
    void missingFileNeedsCreateAndBadRegexpIsNamed() throws Exception {
        assertThatThrownBy(() -> edit(null, Map.of("line", "x")))
                .hasMessage("destination /etc/x does not exist (set create: true to create it)");
        assertThat(edit(null, Map.of("line", "x", "create", true))).isEqualTo("x\n");
        assertThatThrownBy(() -> edit(CONF, Map.of("regexp", "(unclosed", "line", "x")))
                .hasMessageStartingWith("regexp '(unclosed' is not a valid regular expression");
    }

    @Test
    void editsThroughASymbolicLinkKeepingTheLink() throws Exception {
        Files.createDirectories(tmp.resolve("run"));
        Path real = Files.writeString(tmp.resolve("run/resolv.conf"), "nameserver 10.0.0.1\n");
        Path link = Files.createSymbolicLink(tmp.resolve("resolv.conf"), Path.of("run/resolv.conf"));
        converges(module, Map.of("path", link.toString(), "line", "options edns0"), tmp, tmp, ChangeKind.CHANGE);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("nameserver 10.0.0.1\noptions edns0\n");
    }

    @Test
    void editsOnThisMachineKeepingModeAndOwner() throws Exception {
        Path f = Files.writeString(tmp.resolve("sshd_config"), CONF);
        FilesTesting.setMode(f, 0600);
        var r = converges(module, Map.of("path", f.toString(), "regexp", "^#?PasswordAuthentication", "line",
                "PasswordAuthentication no", "backup", true), tmp, tmp, ChangeKind.CHANGE);
        assertThat(Files.readString(f)).contains("Port 22\nPasswordAuthentication no\nUsePAM");
        assertThat(FilesTesting.mode(f)).isEqualTo("0600");
        assertThat(r.msg()).isEqualTo("replaced a line in " + f);
        assertThat(r.diff()).contains("-PasswordAuthentication yes\n+PasswordAuthentication no\n");
        assertThat(r.data()).containsKey("backup_file").containsEntry("msg", "line replaced");
        Path created = tmp.resolve("new.conf");
        converges(module, Map.of("path", created.toString(), "line", "key=value", "create", true, "mode", "0640"),
                tmp, tmp, ChangeKind.CREATE);
        assertThat(Files.readString(created)).isEqualTo("key=value\n");
        assertThat(FilesTesting.mode(created)).isEqualTo("0640");
    }
}
