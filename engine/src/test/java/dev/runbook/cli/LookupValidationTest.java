package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lookup plugin runbook does not have is a validation error where it is written. */
class LookupValidationTest {
    @TempDir
    Path dir;

    @Test
    void unknownLookupPluginsAreNamedBeforeAnythingRuns() throws Exception {
        Path rb = dir.resolve("rb.yml");
        Files.writeString(rb, """
                runbook: lookups
                hosts: localhost
                steps:
                  one:
                    tasks:
                      - debug:
                          msg: "{{ lookup('no_such_plugin', '/tmp/pw length=12') }}"
                      - debug:
                          msg: "{{ lookup('file', 'x') ~ query('fiel', 'y') | length }}"
                        when: lookup('ansible.builtin.env', 'HOME') != ''
                """);
        Cli.Result r = Cli.run("validate", rb.toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains(rb + ":7:16: error: lookup plugin 'no_such_plugin' is not supported (supported: file, env, pipe, "
                + "lines, template, vars, first_found, fileglob, items, list, dict, subelements, together, nested, sequence, "
                + "indexed_items, flattened, password, ini, csvfile; see docs/templates.md#lookups)")
                .contains(rb + ":9:16: error: lookup plugin 'fiel' is not supported").contains("did you mean 'file'?")
                .contains("2 errors; nothing was run");
    }
}
