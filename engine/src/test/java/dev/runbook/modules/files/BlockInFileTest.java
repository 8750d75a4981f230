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

/** blockinfile: insert/replace/remove from fixture text, then on this machine. */
class BlockInFileTest {
    static final String HOSTS = "127.0.0.1 localhost\n::1 localhost\n";
    static final String BLOCK = "# BEGIN ANSIBLE MANAGED BLOCK\n10.0.0.10 db1\n# END ANSIBLE MANAGED BLOCK\n";
    final BlockInFile module = new BlockInFile();

    @TempDir
    Path tmp;

    Plan plan(String content, Map<String, Object> raw) throws ModuleException {
        Map<String, Object> m = new HashMap<>(raw);
        m.put("path", "/etc/hosts");
        String probe = content == null ? "U 0022\n0 A\n" : "U 0022\n0 F 81a4 0 0 1 1 10 1 root root\n";
        TextFile.Loaded f = TextFile.loaded(FileProbe.parse(List.of("/etc/hosts"), probe),
                content == null ? null : content.getBytes(StandardCharsets.UTF_8));
        return BlockInFile.decide(f, FilesTesting.args(module, m), true);
    }

    String edit(String content, Map<String, Object> raw) throws ModuleException {
        Plan p = plan(content, raw);
        return p.actions().isEmpty() ? null : new String(LineInFileTest.readAll(((Action.Upload) p.actions().get(0)).data()),
                StandardCharsets.UTF_8);
    }

    @Test
    void insertsAtTheEndThenReplacesBetweenMarkers() throws Exception {
        assertThat(edit(HOSTS, Map.of("block", "10.0.0.10 db1"))).isEqualTo(HOSTS + BLOCK);
        assertThat(edit(HOSTS + BLOCK, Map.of("block", "10.0.0.10 db1\n"))).isNull();
        assertThat(edit(HOSTS + BLOCK + "# tail\n", Map.of("block", "10.0.0.11 db2\n")))
                .isEqualTo(HOSTS + BLOCK.replace("10.0.0.10 db1", "10.0.0.11 db2") + "# tail\n");
        Plan p = plan(HOSTS + BLOCK, Map.of("block", "10.0.0.11 db2\n"));
        assertThat(p.change().kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(p.change().summary()).isEqualTo("would update the block in /etc/hosts");
        assertThat(p.change().result()).containsEntry("msg", "Block inserted");
        assertThat(p.change().diff()).contains("-10.0.0.10 db1\n+10.0.0.11 db2\n");
    }

    @Test
    void anchorsAndCustomMarkers() throws Exception {
        assertThat(edit(HOSTS, Map.of("block", "x", "insertbefore", "BOF"))).isEqualTo(BLOCK.replace("10.0.0.10 db1", "x") + HOSTS);
        assertThat(edit(HOSTS, Map.of("block", "x", "insertafter", "^127"))).isEqualTo(
                "127.0.0.1 localhost\n" + BLOCK.replace("10.0.0.10 db1", "x") + "::1 localhost\n");
        assertThat(edit("a", Map.of("block", "x", "marker", "; {mark} php", "marker_begin", "start", "marker_end", "stop")))
                .isEqualTo("a\n; start php\nx\n; stop php\n");
    }

    @Test
    void emptyBlockOrAbsentRemovesIt() throws Exception {
        assertThat(edit(HOSTS + BLOCK, Map.of("state", "absent"))).isEqualTo(HOSTS);
        assertThat(edit(HOSTS + BLOCK, Map.of("block", ""))).isEqualTo(HOSTS);
        assertThat(plan(HOSTS + BLOCK, Map.of("state", "absent")).change().result()).containsEntry("msg", "Block removed");
        assertThat(edit("no newline", Map.of("state", "absent"))).as("nothing to remove, nothing touched").isNull();
        assertThat(edit(null, Map.of("state", "absent"))).isNull();
    }

    @Test
    void theDefaultMarkerIsAnsiblesSoAnAnsibleBlockIsReplacedNotDuplicated() throws Exception {
        String ansible = HOSTS + "# BEGIN ANSIBLE MANAGED BLOCK\n10.0.0.10 db1\n# END ANSIBLE MANAGED BLOCK\n";
        assertThat(edit(ansible, Map.of("block", "10.0.0.10 db1"))).as("already as written").isNull();
        assertThat(edit(ansible, Map.of("block", "10.0.0.11 db2")))
                .isEqualTo(HOSTS + "# BEGIN ANSIBLE MANAGED BLOCK\n10.0.0.11 db2\n# END ANSIBLE MANAGED BLOCK\n");
    }

    @Test
    void aBlockUnderRunbooksFormerDefaultMarkerIsTakenOver() throws Exception {
        String legacy = HOSTS + "# BEGIN RUNBOOK MANAGED BLOCK\n10.0.0.10 db1\n# END RUNBOOK MANAGED BLOCK\n# tail\n";
        assertThat(edit(legacy, Map.of("block", "10.0.0.10 db1"))).isEqualTo(HOSTS + BLOCK + "# tail\n");
        assertThat(plan(legacy, Map.of("block", "x")).change().summary()).isEqualTo("would update the block in /etc/hosts");
        assertThat(edit(legacy, Map.of("state", "absent"))).isEqualTo(HOSTS + "# tail\n");
        // a marker of the user's own is never confused with the former default
        assertThat(edit(legacy, Map.of("block", "x", "marker", "# {mark} MINE")))
                .isEqualTo(legacy + "# BEGIN MINE\nx\n# END MINE\n");
    }

    @Test
    void sameBytesAndFlagsAsAnsible() throws Exception {
        String ansibleBlock = HOSTS + "# BEGIN ANSIBLE MANAGED BLOCK\n10.0.0.10 db1\n# END ANSIBLE MANAGED BLOCK\n# tail\n";
        List<AnsibleOracle.Case> cases = List.of(
                new AnsibleOracle.Case("blockinfile", Map.of("block", "10.0.0.10 db1\n10.0.0.11 db2"), HOSTS),
                new AnsibleOracle.Case("blockinfile", Map.of("block", "10.0.0.10 db1"), ansibleBlock),
                new AnsibleOracle.Case("blockinfile", Map.of("block", "10.0.0.12 db3\n"), ansibleBlock),
                new AnsibleOracle.Case("blockinfile", Map.of("state", "absent"), ansibleBlock),
                new AnsibleOracle.Case("blockinfile", Map.of("block", "x", "insertafter", "^127"), HOSTS),
                new AnsibleOracle.Case("blockinfile", Map.of("block", "x", "insertbefore", "BOF"), HOSTS),
                new AnsibleOracle.Case("blockinfile", Map.of("block", "x"), "no newline at the end"));
        List<AnsibleOracle.Outcome> theirs = AnsibleOracle.run(tmp, cases);
        Path mine = Files.createDirectories(tmp.resolve("ours"));
        for (int i = 0; i < cases.size(); i++) {
            AnsibleOracle.Case c = cases.get(i);
            Path f = Files.writeString(mine.resolve("case-" + i), c.before());
            Map<String, Object> args = new HashMap<>(c.args());
            args.put("path", f.toString());
            var r = module.apply(FilesTesting.applyCtx(tmp), FilesTesting.args(module, args));
            assertThat(Files.readString(f)).as("case " + i + " " + c.args()).isEqualTo(theirs.get(i).after());
            assertThat(r.changed()).as("case " + i + " " + c.args()).isEqualTo(theirs.get(i).changed());
        }
    }

    @Test
    void missingFileNeedsCreate() {
        assertThatThrownBy(() -> edit(null, Map.of("block", "x")))
                .hasMessage("path /etc/hosts does not exist (set create: true to create it)");
    }

    @Test
    void onThisMachine() throws Exception {
        Path f = Files.writeString(tmp.resolve("hosts"), HOSTS);
        FilesTesting.setMode(f, 0640);
        converges(module, Map.of("path", f.toString(), "block", "10.0.0.10 db1\n10.0.0.11 db2\n"), tmp, tmp, ChangeKind.CHANGE);
        assertThat(Files.readString(f)).isEqualTo(HOSTS + BLOCK.replace("db1\n", "db1\n10.0.0.11 db2\n"));
        assertThat(FilesTesting.mode(f)).isEqualTo("0640");
        converges(module, Map.of("path", f.toString(), "state", "absent"), tmp, tmp, ChangeKind.CHANGE);
        assertThat(Files.readString(f)).isEqualTo(HOSTS);
        converges(module, Map.of("path", tmp.resolve("new").toString(), "block", "x", "create", true), tmp, tmp, ChangeKind.CREATE);
    }
}
