package dev.runbook.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.diag.SourceSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in password, ini and csvfile lookups are named, with what would be right. */
class PasswordIniCsvErrorsTest {
    @TempDir
    Path dir;

    private Object render(String expr) throws TemplateException {
        return new JinjavaTemplater().render("{{ " + expr + " }}", Map.of("playbook_dir", dir.toString()), SourceSpan.NONE);
    }

    @Test
    void mistakesAreNamed() throws Exception {
        Files.writeString(dir.resolve("a.ini"), "[db]\nuser = admin\n");
        Files.writeString(dir.resolve("dup.ini"), "[db]\nuser = a\nUser = b\n");
        Files.writeString(dir.resolve("a.csv"), "bob,41\n");
        assertThatThrownBy(() -> render("lookup('password', 'pw encrypt=sha512_crypt')"))
                .hasMessageContaining("encrypt= is not supported");
        assertThatThrownBy(() -> render("lookup('password', 'pw lenght=8')"))
                .hasMessageContaining("Unrecognized parameter(s) given to password lookup: lenght");
        assertThatThrownBy(() -> render("lookup('password', 'pw length=many')"))
                .hasMessageContaining("length must be a whole number, not 'many'");
        assertThatThrownBy(() -> render("lookup('ini', 'user section=web file=a.ini')")).hasMessageContaining("No section 'web' in a.ini");
        assertThatThrownBy(() -> render("lookup('ini', 'user sektion=db file=a.ini')"))
                .hasMessageContaining("sektion is not a valid option of the ini lookup");
        assertThatThrownBy(() -> render("lookup('ini', 'user section=db file=dup.ini')")).hasMessageContaining("key 'user' appears twice");
        assertThatThrownBy(() -> render("lookup('csvfile', 'bob file=a.csv delimiter=, col=5')"))
                .hasMessageContaining("list index out of range");
        assertThatThrownBy(() -> render("lookup('csvfile', 'file=a.csv')")).hasMessageContaining("Search key is required");
        assertThatThrownBy(() -> render("lookup('csvfile', 'bob file=missing.csv')"))
                .hasMessageContaining("could not locate file in lookup: missing.csv");
        assertThat(dir.resolve("pw")).doesNotExist();
    }
}
