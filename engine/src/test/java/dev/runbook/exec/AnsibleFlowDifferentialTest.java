package dev.runbook.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.event.RunEvent;
import dev.runbook.testing.DebianPackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Handlers and blocks against real Ansible: each case (src/test/resources/ansible-flow/NAME.yml,
 * a play's tasks, handlers and force_handlers) runs as a playbook with ansible-playbook on
 * localhost and as one step with runbook. Every task appends its name to a trace file, so the
 * traces compare the order of execution; then the recaps and the exit codes are compared. A case
 * may come with roles (NAME.roles/, copied as roles/ beside both).
 */
class AnsibleFlowDifferentialTest {
    private static final Path CASES = Path.of("src/test/resources/ansible-flow");
    private static final Pattern RECAP = Pattern.compile("localhost\\s+:\\s+ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)"
            + "\\s+failed=(\\d+)\\s+skipped=(\\d+)\\s+rescued=(\\d+)\\s+ignored=(\\d+)");

    @TempDir
    Path dir;

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")).sorted().toList().stream();
        }
    }

    /** What a run did: its trace, its counts (ok includes changed, as Ansible counts) and its exit code. */
    record Seen(List<String> trace, String recap, int exit) {
    }

    @ParameterizedTest
    @MethodSource("cases")
    void runbookRunsThePlayAsAnsibleDoes(String name) throws Exception {
        String body = Files.readString(CASES.resolve(name));
        Seen ansible = ansible(name, body);
        Seen ours = runbook(name, body);
        assertThat(ours.trace()).as("order of execution").containsExactlyElementsOf(ansible.trace());
        assertThat(ours.recap()).as("recap").isEqualTo(ansible.recap());
        assertThat(ours.exit()).as("exit code").isEqualTo(ansible.exit());
    }

    private Seen ansible(String name, String body) throws Exception {
        DebianPackages.ensure("/usr/bin/ansible-playbook", "ansible-core");
        Path work = workDir("ansible", name);
        Path trace = work.resolve("trace");
        Path play = work.resolve("play.yml");
        Files.writeString(play, "- hosts: localhost\n  gather_facts: false\n  vars: {trace: \"" + trace + "\"}\n"
                + body.indent(2));
        ProcessBuilder pb = new ProcessBuilder("ansible-playbook", "-i", "localhost,", "-c", "local", play.toString())
                .directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        pb.environment().put("ANSIBLE_LOCAL_TEMP", work.resolve("tmp").toString());
        pb.environment().put("ANSIBLE_PYTHON_INTERPRETER", "/usr/bin/python3");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        Matcher m = RECAP.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        String recap = "ok=" + m.group(1) + " changed=" + m.group(2) + " failed=" + m.group(4) + " skipped=" + m.group(5)
                + " rescued=" + m.group(6) + " ignored=" + m.group(7);
        return new Seen(lines(trace), recap, exit);
    }

    private Seen runbook(String name, String body) throws Exception {
        Path work = workDir("runbook", name);
        Path trace = work.resolve("trace");
        Path file = work.resolve("runbook.yml");
        Files.writeString(file, "runbook: flow\nvars: {trace: \"" + trace + "\"}\nsteps:\n  play:\n" + body.indent(4));
        Runs.Outcome o = Runs.apply(file);
        RunEvent.HostRecap r = o.result().recap().get("localhost");
        String recap = "ok=" + (r.ok() + r.changed()) + " changed=" + r.changed() + " failed=" + r.failed()
                + " skipped=" + r.skipped() + " rescued=" + r.rescued() + " ignored=" + r.ignored();
        return new Seen(lines(trace), recap, o.result().status().exitCode());
    }

    /** A fresh directory for one tool, with the case's roles in it. */
    private Path workDir(String tool, String name) throws IOException {
        Path work = Files.createDirectories(dir.resolve(tool));
        Path roles = CASES.resolve(name.replace(".yml", ".roles"));
        if (Files.isDirectory(roles)) {
            try (Stream<Path> walk = Files.walk(roles)) {
                for (Path p : walk.toList()) {
                    Path target = work.resolve("roles").resolve(roles.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
        }
        return work;
    }

    private static List<String> lines(Path f) throws IOException {
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }
}
