package dev.runbook.roles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in roles are reported before anything runs, at the file, line and column where they are. */
class RoleErrorsTest {
    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private Cli.Result validate(String runbook) throws IOException {
        write("rb.yml", runbook);
        return Cli.run(Cli.env(dir, Map.of("HOME", dir.toString()), ""), "validate", dir.resolve("rb.yml").toString());
    }

    @Test
    void aModuleRunbookDoesNotHaveIsNamedInTheRoleFile() throws IOException {
        write("roles/web/tasks/main.yml", "- name: ok\n  debug: {msg: hi}\n- name: odd\n  nosuchmodule: {x: 1}\n");
        Cli.Result r = validate("runbook: r\nsteps:\n  s:\n    roles: [web]\n");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.out() + r.err()).contains(dir.resolve("roles/web/tasks/main.yml") + ":4:3: error: unknown field or module 'nosuchmodule'");
    }

    @Test
    void aMissingRoleNamesWhereItWasLookedFor() throws IOException {
        write("roles/webserver/tasks/main.yml", "- debug: {msg: hi}\n");
        Cli.Result r = validate("runbook: r\nsteps:\n  s:\n    tasks:\n      - include_role: {name: websrver}\n");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.out() + r.err()).contains("rb.yml:5:30: error: the role 'websrver' was not found in " + dir.resolve("roles"))
                .contains("did you mean 'webserver'?");
    }

    @Test
    void dependenciesInALoopAreRefusedWithTheLoop() throws IOException {
        write("roles/a/meta/main.yml", "dependencies: [b]\n");
        write("roles/b/meta/main.yml", "dependencies:\n  - role: a\n");
        Cli.Result r = validate("runbook: r\nsteps:\n  s:\n    roles: [a]\n");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.out() + r.err()).contains("roles/b/meta/main.yml:2:11: error: roles depend on each other in a loop: a → b → a");
    }

    @Test
    void whatCannotBeLoadedBeforeRunningIsRefused() throws IOException {
        write("roles/web/tasks/main.yml", "- debug: {msg: hi}\n");
        Cli.Result r = validate("""
                runbook: r
                steps:
                  s:
                    tasks:
                      - include_role: {name: "{{ which }}"}
                      - include_role: {name: web}
                        loop: [1, 2]
                      - include_role: {name: web, tasks_from: nosuch}
                """);
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.out() + r.err()).contains("rb.yml:5:30: error: a role's name cannot be a template")
                .contains("rb.yml:7:9: error: a loop over include_role is not supported")
                .contains("tasks_from: the role 'web' has no file 'nosuch'");
    }

    @Test
    void aStepWithOnlyRolesIsValidAndCountsTheRolesTasks() throws IOException {
        write("roles/web/tasks/main.yml", "- debug: {msg: hi}\n- import_tasks: more.yml\n");
        write("roles/web/tasks/more.yml", "- debug: msg=more\n");
        Cli.Result r = validate("runbook: r\nsteps:\n  s:\n    role: web\n");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("ok (1 step, 2 tasks)");
    }

    @Test
    void rolesPathComesFromAnsibleCfgRelativeToIt() throws IOException {
        write("ansible.cfg", "[defaults]\nroles_path = ./shared-roles:/nonexistent\n");
        write("shared-roles/base/tasks/main.yml", "- debug: {msg: base}\n");
        Cli.Result r = validate("runbook: r\nsteps:\n  s:\n    roles: [base]\n");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        Cli.Result config = Cli.run(Cli.env(dir, Map.of("HOME", dir.toString()), ""), "config");
        assertThat(config.out()).contains(dir.resolve("shared-roles") + ":/nonexistent");
    }

    @Test
    void aRoleTaggedNeverIsLeftOutAsAnsibleDoesWithoutTags() throws IOException {
        write("roles/web/tasks/main.yml", "- debug: {msg: web}\n");
        write("roles/debugging/tasks/main.yml", "- debug: {msg: one}\n- debug: {msg: two}\n");
        Cli.Result r = validate("runbook: r\nsteps:\n  s:\n    roles:\n      - web\n      - {role: debugging, tags: [never]}\n"
                + "    tasks:\n      - import_role: {name: debugging}\n        tags: never\n");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("ok (1 step, 1 task)");
    }
}
