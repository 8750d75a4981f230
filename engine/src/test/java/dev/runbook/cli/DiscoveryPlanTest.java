package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A discovery step that reads with a vouched shell command ({@code check_mode: false}): plan and
 * apply of {@code --only} the real work know the fact it finds; without the discovery mark the
 * same --only warns instead of skipping silently.
 */
class DiscoveryPlanTest {
    @TempDir
    Path dir;

    private Path runbook(boolean discovery) throws Exception {
        Files.writeString(dir.resolve("config.php"), "<?php\ndefine('DB_DATABASE', 'shop_db');\n");
        Path f = dir.resolve("upgrade.yml");
        Files.writeString(f, """
                runbook: upgrade
                steps:
                  find-db:
                    %s
                    tasks:
                      - name: Read the database name
                        shell: "sed -n \\"s/.*DB_DATABASE', '\\\\(.*\\\\)'.*/\\\\1/p\\" %s/config.php"
                        check_mode: false
                        changed_when: false
                        register: db
                  maintenance:
                    needs: [find-db]
                    tasks:
                      - name: Turn maintenance on
                        copy: {content: "{{ db.stdout }}\\n", dest: "%s/maintenance.flag"}
                        when: db is defined
                """.formatted(discovery ? "discovery: true" : "", dir, dir));
        return f;
    }

    @Test
    void planAndApplyOfOnlyKnowTheDiscoveredFact() throws Exception {
        Path f = runbook(true);
        Cli.Result plan = Cli.run("plan", f.toString(), "--only", "maintenance");
        assertThat(plan.exit()).as(plan.out()).isIn(0, 2);
        assertThat(plan.out()).contains("Turn maintenance on").doesNotContain("depends on 'db'").doesNotContain("skipped");
        Cli.Result apply = Cli.run("apply", f.toString(), "--only", "maintenance");
        assertThat(apply.exit()).as(apply.out()).isZero();
        assertThat(Cli.normalised(apply.out())).startsWith("upgrade · 1 host · 2 steps · apply");
        assertThat(Files.readString(dir.resolve("maintenance.flag"))).isEqualTo("shop_db\n");
    }

    @Test
    void withoutDiscoveryOnlyWarnsThatTheWorkWasSkippedForWantOfTheFact() throws Exception {
        Path f = runbook(false);
        Cli.Result apply = Cli.run("apply", f.toString(), "--only", "maintenance");
        assertThat(apply.exit()).isZero();
        assertThat(apply.out()).contains("warning: localhost: maintenance › Turn maintenance on: when: db is defined was false, "
                + "and 'db' is undefined because the step that sets it did not run on this host: 'find-db' (not selected by --only)");
        assertThat(dir.resolve("maintenance.flag")).doesNotExist();
    }
}
