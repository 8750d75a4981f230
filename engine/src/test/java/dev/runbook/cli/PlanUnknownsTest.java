package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan runs controller-side modules as apply does, and every value known only when applying stays unknown. */
class PlanUnknownsTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path rb = dir.resolve("rb.yml");
        Files.writeString(rb, yaml.replace("@D@", dir.toString()));
        return rb;
    }

    private static String plan(Path rb) {
        Cli.Result r = Cli.run("plan", rb.toString());
        return r.exit() + "\n" + r.out() + r.err();
    }

    @Test
    void setFactRunsInPlanModeAsInApply() throws Exception {
        Path rb = write("""
                runbook: sf
                steps:
                  s:
                    tasks:
                      - set_fact: {a: one}
                      - debug: {msg: "a={{ a }}"}
                """);
        assertThat(plan(rb)).isEqualTo("""
                0
                Planning sf on 1 host (read-only probes; nothing is changed)

                localhost
                  s
                    = set_fact  — set a
                    = debug  — a=one

                Plan: 0 to create, 0 to change, 0 to remove, 0 unknown, 2 unchanged, on 1 host.
                """);
        assertThat(Cli.run("apply", rb.toString()).out()).contains("s › debug").contains("— a=one");
    }

    @Test
    void setFactOverridesAVarInPlanModeAsInApply() throws Exception {
        Path rb = write("""
                runbook: sf
                vars: {a: old}
                steps:
                  s:
                    tasks:
                      - set_fact: {a: one}
                      - debug: {msg: "a={{ a }}"}
                  later:
                    needs: [s]
                    tasks:
                      - debug: {msg: "later a={{ a }}"}
                """);
        assertThat(plan(rb)).contains("= debug  — a=one\n").contains("= debug  — later a=one\n");
    }

    @Test
    void aFactComputedFromAnUnknownValueIsUnknownAndSoIsEverythingThatReadsIt() throws Exception {
        Path rb = write("""
                runbook: uf
                vars: {b: old}
                steps:
                  s:
                    tasks:
                      - shell: hostname
                        register: h
                      - set_fact:
                          b: "{{ h.stdout }}-x"
                      - debug: {msg: "b={{ b }}"}
                      - assert: {that: ["b != ''"]}
                      - fail: {msg: "no b"}
                        when: b == ''
                      - file: {path: "@D@/{{ b }}", state: directory}
                      - debug: {var: b}
                """);
        assertThat(plan(rb)).isEqualTo("""
                0
                Planning uf on 1 host (read-only probes; nothing is changed)

                localhost
                  s
                    ? shell: hostname  — would run: hostname
                    ? set_fact  — depends on 'h', which is known only when applying
                    ? debug  — depends on 'b', which is known only when applying
                    ? assert  — depends on 'b', which is known only when applying
                    ? fail  — depends on 'b', which is known only when applying
                    ? file  — depends on 'b', which is known only when applying
                    ? debug  — depends on 'b', which is known only when applying

                Plan: 0 to create, 0 to change, 0 to remove, 7 unknown, 0 unchanged, on 1 host.
                """);
    }

    @Test
    void aTemplatedVarReadingAResultKnownOnlyWhenApplyingIsUnknownNotAFailure() throws Exception {
        Path rb = write("""
                runbook: admin
                vars:
                  admin_dir: "{{ admin_cfg_path.stdout | dirname }}"
                  backup: "{{ admin_dir }}/backup"
                steps:
                  find:
                    tasks:
                      - shell: grep -l DIR_APPLICATION @D@/*/config.php
                        register: admin_cfg_path
                  use:
                    needs: [find]
                    tasks:
                      - debug: {msg: "admin is {{ admin_dir }}"}
                      - debug: {msg: "direct {{ admin_cfg_path.stdout }}"}
                      - debug: {var: admin_dir}
                      - file: {path: "{{ backup }}", state: directory}
                      - name: defined test
                        debug: {msg: "x"}
                        when: admin_dir is defined
                      - name: default filter
                        debug: {msg: "{{ admin_dir | default('none') }}"}
                      - name: loop over it
                        debug: {msg: "{{ item }}"}
                        loop: "{{ admin_dir | split('/') }}"
                  gated:
                    needs: [find]
                    when: admin_dir | length > 0
                    tasks:
                      - debug: {msg: gated}
                """);
        String out = plan(rb).replace(dir.toString(), "D");
        assertThat(out).isEqualTo("""
                0
                Planning admin on 1 host (read-only probes; nothing is changed)

                localhost
                  find
                    ? shell: grep -l DIR_APPLICATION D/*/config.php  — would run: grep -l DIR_APPLICATION D/*/config.php
                  use
                    ? debug  — depends on 'admin_cfg_path' (through 'admin_dir'), which is known only when applying
                    ? debug  — depends on 'admin_cfg_path', which is known only when applying
                    ? debug  — depends on 'admin_cfg_path' (through 'admin_dir'), which is known only when applying
                    ? file  — depends on 'admin_cfg_path' (through 'backup'), which is known only when applying
                    ? defined test  — depends on 'admin_cfg_path' (through 'admin_dir'), which is known only when applying
                    ? default filter  — depends on 'admin_cfg_path' (through 'admin_dir'), which is known only when applying
                    ? loop over it  — depends on 'admin_cfg_path' (through 'admin_dir'), which is known only when applying
                  ? gated  — when: depends on 'admin_cfg_path' (through 'admin_dir'), which is known only when applying

                Plan: 0 to create, 0 to change, 0 to remove, 9 unknown, 0 unchanged, on 1 host.
                """);
    }

    @Test
    void aTemplateFileThatReadsAnUnknownValueIsUnknown() throws Exception {
        Files.writeString(dir.resolve("page.j2"), "admin lives in {{ admin_dir }}\n");
        Path rb = write("""
                runbook: tf
                vars:
                  admin_dir: "{{ found.stdout }}"
                steps:
                  s:
                    tasks:
                      - command: echo /srv/admin
                        register: found
                      - template: {src: page.j2, dest: @D@/page.txt}
                """);
        assertThat(plan(rb)).contains("? template  — depends on 'found' (through 'admin_dir'), which is known only when applying\n");
        assertThat(dir.resolve("page.txt")).doesNotExist();
    }

    @Test
    void conditionsOfTasksThatRunInThePlanReadUnknownsToo() throws Exception {
        Path rb = write("""
                runbook: cw
                steps:
                  s:
                    tasks:
                      - command: hostname
                        register: h
                      - name: guarded
                        debug: {msg: hi}
                        failed_when: h is defined
                      - name: own result
                        debug: {msg: hi}
                        register: h
                        changed_when: h.msg != 'hi'
                """);
        assertThat(plan(rb)).contains("? guarded  — depends on 'h', which is known only when applying\n")
                .contains("= own result  — hi\n");
    }
}
