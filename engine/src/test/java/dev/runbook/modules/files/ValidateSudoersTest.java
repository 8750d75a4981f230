package dev.runbook.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleException;
import dev.runbook.testing.DebianPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate on the text-editing modules, with the real visudo: the edited content is checked in a
 * temporary file first; a sudoers file that visudo refuses never replaces the old one.
 */
class ValidateSudoersTest {
    static final String VISUDO = "visudo -cf %s";
    static final String GOOD = "deploy ALL=(ALL) NOPASSWD: /usr/bin/systemctl\n";
    @TempDir
    Path controller;
    @TempDir
    Path host;

    @BeforeAll
    static void sudo() {
        DebianPackages.ensure("/usr/sbin/visudo", "sudo");
    }

    void refusedThenAccepted(Module m, Map<String, Object> broken, Map<String, Object> fine, String after) throws Exception {
        Path sudoers = host.resolve("deploy");
        Files.writeString(sudoers, GOOD);
        assertThatThrownBy(() -> m.apply(FilesTesting.applyCtx(controller), FilesTesting.args(m, broken)))
                .isInstanceOf(ModuleException.class).hasMessageContaining("validation of the new " + sudoers + " failed");
        assertThat(Files.readString(sudoers)).isEqualTo(GOOD);
        try (var s = Files.list(host)) {
            assertThat(s.toList()).containsExactly(sudoers);
        }
        FilesTesting.converges(m, fine, host, controller, ChangeKind.CHANGE);
        assertThat(Files.readString(sudoers)).isEqualTo(after);
    }

    @Test
    void lineinfile() throws Exception {
        String path = host.resolve("deploy").toString();
        refusedThenAccepted(new LineInFile(),
                Map.of("path", path, "line", "deploy ALL=(ALL NOPASSWD", "validate", VISUDO),
                Map.of("path", path, "line", "%admin ALL=(ALL) ALL", "validate", VISUDO),
                GOOD + "%admin ALL=(ALL) ALL\n");
    }

    @Test
    void blockinfile() throws Exception {
        String path = host.resolve("deploy").toString();
        refusedThenAccepted(new BlockInFile(),
                Map.of("path", path, "block", "Defaults env_keep += \"LANG", "validate", VISUDO),
                Map.of("path", path, "block", "Defaults env_keep += \"LANG\"", "validate", VISUDO),
                GOOD + "# BEGIN ANSIBLE MANAGED BLOCK\nDefaults env_keep += \"LANG\"\n# END ANSIBLE MANAGED BLOCK\n");
    }

    @Test
    void template() throws Exception {
        Files.writeString(controller.resolve("bad.j2"), "deploy ALL=(ALL\n");
        Files.writeString(controller.resolve("good.j2"), "deploy ALL=(ALL) ALL\n");
        String dest = host.resolve("deploy").toString();
        refusedThenAccepted(new Template(),
                Map.of("src", "bad.j2", "dest", dest, "validate", VISUDO),
                Map.of("src", "good.j2", "dest", dest, "validate", VISUDO),
                "deploy ALL=(ALL) ALL\n");
    }
}
