package dev.runbook.modules.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release upgrade as a user runs it: plan --diff lists the files, apply lays them down, plan again is quiet. */
class UpgradeRunbookTest {

    @Test
    void planListsTheFilesApplyWritesThemPlanAgainIsEmpty(@TempDir Path tmp) throws Exception {
        OpenCartRelease.zip(tmp.resolve("opencart-4.0.2.3.zip"));
        Path web = tmp.resolve("www");
        SyncTest.write(web.resolve("index.php"), "<?php // catalog 4.0.2.2");
        SyncTest.write(web.resolve("config.php"), "<?php // the shop's own settings");
        Path book = tmp.resolve("upgrade.yml");
        Files.writeString(book, """
                runbook: upgrade
                vars:
                  web: %s
                steps:
                  backup:
                    tasks:
                      - name: back up the files
                        archive:
                          path: "{{ web }}"
                          dest: %s
                          force: true
                  code:
                    needs: [backup]
                    tasks:
                      - name: lay the release over the web root
                        unarchive:
                          src: opencart-4.0.2.3.zip
                          dest: "{{ web }}"
                          subdir: opencart-4.0.2.3/upload/
                          exclude: [/config.php, /admin/config.php]
                """.formatted(web, tmp.resolve("www-before.tar.gz")));
        String state = "--state-dir=" + tmp.resolve("state");
        var before = Trees.fingerprint(web);

        Cli.Result plan = Cli.run("plan", "--diff", state, book.toString());
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("would create " + tmp.resolve("www-before.tar.gz"))
                .contains("would add 10, update 1, remove 0 in " + web)
                .contains("\n        ~ index.php\n").contains("\n        + admin/controller/common/login.php\n")
                .doesNotContain("+ config.php\n").doesNotContain("admin/config.php");
        assertThat(Trees.fingerprint(web)).isEqualTo(before);

        Cli.Result apply = Cli.run("apply", state, book.toString());
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        assertThat(Files.readString(web.resolve("index.php"))).contains("4.0.2.3");
        assertThat(Files.readString(web.resolve("config.php"))).contains("the shop's own settings");
        assertThat(tmp.resolve("www-before.tar.gz")).exists();

        Cli.Result again = Cli.run("plan", "--diff", state, book.toString());
        // The backup is made anew on every apply (force); the code has nothing left to do.
        assertThat(again.out()).contains("~ back up the files  — would rebuild " + tmp.resolve("www-before.tar.gz"))
                .contains(", replacing the archive there");
        String code = again.out().substring(again.out().indexOf("lay the release over the web root"));
        assertThat(code).contains(web + " matches opencart-4.0.2.3.zip").doesNotContain("        ~ ").doesNotContain("        + ");
    }
}
