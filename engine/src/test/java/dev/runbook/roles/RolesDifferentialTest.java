package dev.runbook.roles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.testing.RealAnsible;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Roles against the real ansible-playbook: each case of {@code src/test/resources/roles-diff}
 * holds roles, a playbook and the runbook that uses the same roles unchanged. Both run on
 * localhost writing under their own {@code out} directory; the files they produce (paths, modes,
 * contents) and the recap must be the same.
 */
class RolesDifferentialTest {
    private static final Pattern ANSIBLE_RECAP = Pattern.compile(
            "localhost\\s+:\\s+ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)\\s+skipped=(\\d+)");
    private static final Pattern OUR_RECAP = Pattern.compile(
            "localhost\\s+ok=(\\d+)\\s+changed=(\\d+)\\s+failed=(\\d+)\\s+skipped=(\\d+)\\s+unreachable=(\\d+)");

    @TempDir
    Path dir;

    /**
     * webconf: defaults, vars, templates, files, handlers (by name, listen topic and 'role : name'), a lookup in
     * the role, import_tasks, a role parameter.
     * deps: meta dependencies, the same dependency twice (run once), with other parameters (run again), vars on a dependency.
     * include: include_role with tasks_from/vars_from/defaults_from, import_role, roles_path, precedence up to set_fact.
     * precedence: role defaults and vars against inventory group and host variables, step (play) vars, task vars,
     * set_fact and role parameters, with an inventory directory (group_vars/, host_vars/).
     */
    @ParameterizedTest
    @ValueSource(strings = {"webconf", "deps", "include", "precedence"})
    void theSameRolesGiveTheSameFilesAndRecapAsAnsible(String name) throws Exception {
        Path project = copy(Path.of("src/test/resources/roles-diff", name), dir.resolve(name));
        Map<String, String> env = Files.isDirectory(project.resolve("shared-roles"))
                ? Map.of("ANSIBLE_ROLES_PATH", project.resolve("shared-roles").toString()) : Map.of();

        Path theirs = Files.createDirectories(dir.resolve("ansible-out"));
        boolean inventory = Files.isDirectory(project.resolve("inventory"));
        String inv = inventory ? project.resolve("inventory").toString() : "localhost,";
        RealAnsible.Result a = inventory
                ? RealAnsible.run(project, env, null, "ansible-playbook", "-i", inv, "play.yml", "-e", "out=" + theirs).requireOk()
                : RealAnsible.run(project, env, null, "ansible-playbook", "-i", inv, "-c", "local", "play.yml", "-e", "out=" + theirs)
                        .requireOk();

        Path ours = Files.createDirectories(dir.resolve("runbook-out"));
        Map<String, String> ourEnv = new TreeMap<>(env);
        ourEnv.put("HOME", dir.resolve("home").toString());
        Cli.Result r = inventory
                ? Cli.run(Cli.env(project, ourEnv, ""), "apply", project.resolve("runbook.yml").toString(), "-i", inv,
                        "-e", "out=" + ours, "--state-dir", dir.resolve("state").toString())
                : Cli.run(Cli.env(project, ourEnv, ""), "apply", project.resolve("runbook.yml").toString(),
                        "-e", "out=" + ours, "--state-dir", dir.resolve("state").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();

        assertThat(tree(ours)).as("files written by runbook vs ansible-playbook").isEqualTo(tree(theirs));
        if (name.equals("webconf")) {
            assertThat(Files.readString(ours.resolve("handlers.log"))).isEqualTo("reload port 80\ncheck site.conf\n");
        }
        assertThat(ourRecap(r.out())).as(r.out()).isEqualTo(ansibleRecap(a.out()));
    }

    /** ok (Ansible counts changed tasks in ok too), changed, failed, skipped, unreachable. */
    private static String ansibleRecap(String out) {
        Matcher m = ANSIBLE_RECAP.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return "ok=" + m.group(1) + " changed=" + m.group(2) + " failed=" + m.group(4) + " skipped=" + m.group(5)
                + " unreachable=" + m.group(3);
    }

    private static String ourRecap(String out) {
        Matcher m = OUR_RECAP.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        int ok = Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2));
        return "ok=" + ok + " changed=" + m.group(2) + " failed=" + m.group(3) + " skipped=" + m.group(4)
                + " unreachable=" + m.group(5);
    }

    /** Every file and directory under {@code root}: relative path -> mode and content (the root's path replaced). */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> !p.equals(root)).toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                String content = Files.isRegularFile(p) ? Files.readString(p).replace(root.toString(), "OUT") : "(directory)";
                out.put(root.relativize(p).toString(), mode + "\n" + content);
            }
        }
        return out;
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
