package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ansible's check_mode on a task: false runs it in plans too (its author vouches it only reads), true only checks it. */
class ReadOnlyTasksTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Files.createDirectories(dir.resolve("shop/admin"));
        Files.writeString(dir.resolve("shop/admin/config.php"), "<?php define('DIR_APPLICATION', 'x');\n");
        Files.writeString(dir.resolve("shop/config.php"), "<?php // catalog\n");
        Path rb = dir.resolve("rb.yml");
        Files.writeString(rb, yaml.replace("@D@", dir.toString()));
        return rb;
    }

    @Test
    void aReadOnlyShellRunsInThePlanSoWhatDependsOnItIsKnown() throws Exception {
        Path rb = write("""
                runbook: ro
                vars:
                  admin_dir: "{{ admin_cfg_path.stdout | dirname }}"
                steps:
                  discover:
                    tasks:
                      - name: Find the admin's config
                        shell: grep -l DIR_APPLICATION @D@/shop/*/config.php
                        register: admin_cfg_path
                        check_mode: false
                        changed_when: false
                      - name: Find configs
                        find: {paths: "@D@/shop", patterns: config.php, recurse: true}
                        register: configs
                  use:
                    needs: [discover]
                    tasks:
                      - debug: {msg: "admin in {{ admin_dir }}, {{ configs.matched }} configs"}
                      - name: Backup dir
                        file: {path: "{{ admin_dir }}/backup", state: directory}
                      - name: Count again
                        shell: ls {{ admin_dir }}
                        check_mode: false
                        register: listing
                      - debug: {var: listing.stdout_lines}
                """);
        Cli.Result r = Cli.run("plan", rb.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().replace(dir.toString(), "D")).isEqualTo("""
                Planning ro on 1 host (read-only probes; nothing is changed)

                localhost
                  discover
                    = Find the admin's config  — (ran: read-only) rc=0: D/shop/admin/config.php
                    = Find configs  — 2 matches among 3 entries examined
                  use
                    = debug  — admin in D/shop/admin, 2 configs
                    + Backup dir  — would create directory D/shop/admin/backup (mode 0755)
                    = Count again  — (not run: read-only) depends on what 'Backup dir' would change first (D/shop/admin/backup)
                    ? debug  — depends on 'listing', which is known only when applying

                Plan: 1 to create, 0 to change, 0 to remove, 1 unknown, 4 unchanged, on 1 host.
                """);
        assertThat(dir.resolve("shop/admin/backup")).doesNotExist();
    }

    @Test
    void aReadOnlyTaskReallyRunsWhilePlanning() throws Exception {
        Path rb = write("""
                runbook: ro
                steps:
                  s:
                    tasks:
                      - name: Writes although it says it reads
                        shell: echo planned > @D@/marker
                        check_mode: false
                """);
        Cli.Result r = Cli.run("plan", rb.toString());
        assertThat(r.out()).contains("= Writes although it says it reads  — (ran: read-only) rc=0\n");
        assertThat(Files.readString(dir.resolve("marker"))).isEqualTo("planned\n");
    }

    @Test
    void checkModeTrueOnlyChecksInApply() throws Exception {
        Path rb = write("""
                runbook: co
                steps:
                  s:
                    tasks:
                      - name: Only look
                        file: {path: "@D@/never", state: directory}
                        check_mode: true
                        register: looked
                      - debug: {msg: "would change: {{ looked.changed }}"}
                """);
        Cli.Result r = Cli.run("apply", rb.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("s › Only look").contains("— (check mode) would create directory " + dir + "/never (mode 0755)")
                .contains("— would change: True");
        assertThat(dir.resolve("never")).doesNotExist();
    }

    @Test
    void checkModeMustBeABoolean() throws Exception {
        Path rb = write("""
                runbook: bad
                steps:
                  s:
                    tasks:
                      - shell: "true"
                        check_mode: sometimes
                """);
        Cli.Result r = Cli.run("plan", rb.toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).startsWith(rb + ":6:21: error: check_mode must be true or false, not 'sometimes'\n");
    }

    @Test
    void aPlanPredictsWhatChangedWhenWillReportNotAChangeItWillNot() throws Exception {
        Path rb = write("""
                runbook: cw
                steps:
                  s:
                    tasks:
                      - name: Probe says run, never reported as a change
                        shell: cat @D@/shop/config.php
                        check: "true"
                        changed_when: false
                      - name: Bare, never reported as a change
                        command: sleep 0
                        changed_when: false
                      - name: Decided by its own output
                        shell: echo written
                        check: "true"
                        register: out
                        changed_when: "'written' in out.stdout"
                      - name: Always reported as a change
                        shell: ls @D@/shop
                        check: "exit 1"
                        changed_when: true
                      - name: A file, never reported as a change
                        file: {path: "@D@/made", state: directory}
                        changed_when: false
                """);
        Cli.Result plan = Cli.run("plan", rb.toString());
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out().replace(dir.toString(), "D")).contains("""
                    = Probe says run, never reported as a change  — would run: cat D/shop/config.php (check says it would change) (changed_when: reports no change)
                    = Bare, never reported as a change  — would run: sleep 0 (changed_when: reports no change)
                    ~ Decided by its own output  — would run: echo written (check says it would change)
                    ~ Always reported as a change  — not run: check says nothing to do (changed_when: reports a change)
                    = A file, never reported as a change  — would create directory D/made (mode 0755) (changed_when: reports no change)
                """);
        assertThat(dir.resolve("made")).doesNotExist();

        Cli.Result apply = Cli.run("apply", rb.toString());
        assertThat(apply.exit()).as(apply.err()).isZero();
        assertThat(apply.out()).containsPattern("ok +localhost +s › Probe says run")
                .containsPattern("ok +localhost +s › Bare, never")
                .containsPattern("changed +localhost +s › Decided by its own output")
                .containsPattern("changed +localhost +s › Always reported")
                .containsPattern("ok +localhost +s › A file, never");
    }
}
