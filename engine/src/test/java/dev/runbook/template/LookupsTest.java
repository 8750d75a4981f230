package dev.runbook.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.diag.SourceSpan;
import dev.runbook.testing.RealAnsible;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lookup() and query() give what ansible-playbook gives for the same expressions and files. */
class LookupsTest {
    private static final List<String> EXPRESSIONS = List.of(
            "lookup('file', 'greeting.txt')",
            "lookup('file', 'top.txt')",
            "lookup('file', 'greeting.txt', rstrip=False)",
            "lookup('file', 'greeting.txt', 'top.txt')",
            "query('file', 'greeting.txt', 'top.txt')",
            "lookup('env', 'PATH')",
            "lookup('env', 'NO_SUCH_VARIABLE_HERE', default='fallback')",
            "lookup('pipe', 'echo hi; echo there; pwd')",
            "q('lines', 'printf \"a\\nb\\n\"')",
            "lookup('template', 'motd.j2')",
            "lookup('vars', 'derived')",
            "lookup('vars', 'nope', default=7)",
            "lookup('first_found', ['missing.txt', 'greeting.txt'])",
            "lookup('first_found', {'files': ['x.conf', 'y.conf'], 'paths': ['conf']})",
            "query('fileglob', 'g/*.txt') | sort",
            "lookup('ansible.builtin.file', 'top.txt', wantlist=True)");

    @TempDir
    static Path dir;
    private static final Map<String, Object> VARS = new LinkedHashMap<>();

    @BeforeAll
    static void files() throws Exception {
        Files.createDirectories(dir.resolve("files/g"));
        Files.createDirectories(dir.resolve("files/conf"));
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("files/greeting.txt"), "hello from files\n\n");
        Files.writeString(dir.resolve("top.txt"), "  beside the playbook  \n");
        Files.writeString(dir.resolve("files/g/a.txt"), "a");
        Files.writeString(dir.resolve("files/g/b.txt"), "b");
        Files.writeString(dir.resolve("files/g/c.log"), "c");
        Files.writeString(dir.resolve("files/conf/y.conf"), "y");
        Files.writeString(dir.resolve("templates/motd.j2"), "Welcome to {{ site }}{% if port > 80 %} on {{ port }}{% endif %}\n");
        VARS.put("site", "example");
        VARS.put("port", 8080);
        VARS.put("base", "v");
        VARS.put("derived", "{{ base }}-{{ port }}");
        StringBuilder play = new StringBuilder("- hosts: localhost\n  gather_facts: false\n  vars:\n"
                + "    site: example\n    port: 8080\n    base: v\n    derived: \"{{ base }}-{{ port }}\"\n  tasks:\n");
        Files.createDirectories(dir.resolve("out"));
        for (int i = 0; i < EXPRESSIONS.size(); i++) {
            play.append("    - copy:\n        dest: ").append(dir.resolve("out/" + i + ".json")).append("\n        content: ")
                    .append(new ObjectMapper().writeValueAsString("{{ (" + EXPRESSIONS.get(i) + ") | to_json }}")).append('\n');
        }
        Files.writeString(dir.resolve("play.yml"), play.toString());
        RealAnsible.run(dir, Map.of(), null, "ansible-playbook", "-i", "localhost,", "-c", "local", "play.yml").requireOk();
        VARS.put("playbook_dir", dir.toString());
    }

    @Test
    void everyExpressionGivesWhatAnsibleGives() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < EXPRESSIONS.size(); i++) {
            JsonNode theirs = json.readTree(Files.readString(dir.resolve("out/" + i + ".json")));
            Object ours = new JinjavaTemplater().render("{{ " + EXPRESSIONS.get(i) + " }}", VARS, SourceSpan.NONE);
            if (!json.valueToTree(ours).equals(theirs)) {
                mismatches.add(EXPRESSIONS.get(i) + ": ours " + json.writeValueAsString(ours) + ", ansible " + theirs);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void unknownPluginsAndMissingFilesAreNamed() {
        assertThatThrownBy(() -> new JinjavaTemplater().render("{{ lookup('fiel', 'x') }}", VARS, SourceSpan.NONE))
                .hasMessageContaining("lookup plugin 'fiel' is not supported").hasMessageContaining("did you mean 'file'");
        assertThatThrownBy(() -> new JinjavaTemplater().render("{{ lookup('file', 'nope.txt') }}", VARS, SourceSpan.NONE))
                .hasMessageContaining("could not locate file in lookup: nope.txt");
        Map<String, Object> planning = new LinkedHashMap<>(VARS);
        planning.put("ansible_check_mode", true);
        assertThatThrownBy(() -> new JinjavaTemplater().render("{{ lookup('pipe', 'touch never') }}", planning, SourceSpan.NONE))
                .hasMessageContaining("known only when applying");
        assertThat(dir.resolve("never")).doesNotExist();
    }
}
