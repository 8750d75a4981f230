package dev.runbook.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.diag.SourceSpan;
import dev.runbook.template.JinjavaTemplater;
import dev.runbook.template.TemplateException;
import dev.runbook.template.Templater;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input, fuzzed (see {@link Fuzzer}): every input to the runbook parser and validator,
 * the INI and YAML inventory parsers, the template renderer, vault files and run journals gives
 * a result or a user error (exit 4, or 7 for a state directory it cannot read), never an internal
 * error (exit 1), a stack trace, a hang or an exhausted heap. Short runs here; docs/reliability.md
 * says how to run them for hours.
 */
@Timeout(600)
class HostileInputFuzzTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void runbooks() throws Exception {
        Path file = dir.resolve("fuzzed.yml");
        List<byte[]> seeds = files(REPO.resolve("examples"), REPO.resolve("runbooks"), REPO.resolve("bench"),
                Path.of("src/test/resources/bad"));
        int runs = Fuzzer.run("runbook", seeds, input -> {
            Files.write(file, input);
            userErrorAtMost(Cli.run("validate", file.toString()), file, 0, 4);
        });
        assertThat(runs).isGreaterThan(seeds.size());
    }

    @Test
    void iniInventories() throws Exception {
        Path file = dir.resolve("hosts.ini");
        List<byte[]> seeds = files(Path.of("src/test/resources/inventory/ini"));
        seeds.add("""
                web[01:03].example.com ansible_port=2222 http_port=80
                db ansible_host=10.0.0.5 'quoted=a b' list="[1, 2]" dict="{'a': 1}"
                [dbs]
                db
                [all:children]
                dbs
                [dbs:vars]
                x=1.5e3
                """.getBytes(StandardCharsets.UTF_8));
        Fuzzer.run("inventory-ini", seeds, input -> {
            Files.write(file, input);
            userErrorAtMost(Cli.run("inventory", "-i", file.toString(), "--list"), file, 0, 4);
        });
    }

    @Test
    void yamlInventories() throws Exception {
        Path file = dir.resolve("hosts.yml");
        List<byte[]> seeds = files(Path.of("src/test/resources/inventory/yaml"));
        seeds.add("""
                all:
                  vars: {ntp: pool.ntp.org}
                  children:
                    web:
                      hosts:
                        web[1:3]: {http_port: 80}
                        web9: &h {ansible_host: 10.0.0.9}
                    db:
                      hosts: {db1: *h}
                """.getBytes(StandardCharsets.UTF_8));
        Fuzzer.run("inventory-yaml", seeds, input -> {
            Files.write(file, input);
            userErrorAtMost(Cli.run("inventory", "-i", file.toString(), "--list"), file, 0, 4);
        });
    }

    @Test
    void templates() throws Exception {
        Templater templater = new JinjavaTemplater();
        Map<String, Object> vars = Map.of("name", "web1", "items", List.of(1, 2, 3),
                "user", Map.of("name", "ops", "groups", List.of("a", "b")), "n", 7);
        List<byte[]> seeds = new ArrayList<>(Stream.of(
                "{{ name }}", "{% for i in items %}{{ i }}-{{ loop.index }}{% endfor %}",
                "{{ user.groups | join(',') | upper }}", "{% if n > 3 %}big{% else %}small{% endif %}",
                "{{ items | map('string') | list }}", "{{ '%s-%d' | format(name, n) }}", "{{ name | regex_replace('w', 'x') }}",
                "{% set x = items | sum %}{{ x * 2 }}", "{{ lookup('env', 'HOME') }}", "{{ user['name'] ~ n }}")
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
        Fuzzer.run("template", seeds, input -> {
            try {
                templater.renderText(new String(input, StandardCharsets.UTF_8), vars, SourceSpan.NONE);
            } catch (TemplateException e) {
                assertThat(e.getMessage()).isNotBlank(); // a user error, with a message
            }
        });
    }

    @Test
    void vaultFiles() throws Exception {
        Path file = dir.resolve("secret.yml");
        Path password = Files.writeString(dir.resolve("pw"), "fuzz\n");
        Cli.Result made = Cli.run("vault", "encrypt-string", "--vault-password-file", password.toString(), "s3cret");
        List<byte[]> seeds = new ArrayList<>();
        Files.writeString(file, "db_password: s3cret\n");
        Cli.run("vault", "encrypt", file.toString(), "--vault-password-file", password.toString());
        seeds.add(Files.readAllBytes(file));
        seeds.add(("token: " + made.out()).getBytes(StandardCharsets.UTF_8));
        Fuzzer.run("vault", seeds, input -> {
            Files.write(file, input);
            userErrorAtMost(Cli.run("vault", "view", file.toString(), "--vault-password-file", password.toString()),
                    file, 0, 4);
        });
    }

    @Test
    void journals() throws Exception {
        Path state = dir.resolve("state");
        Path run = Files.createDirectories(state.resolve("runs/20261129-120000-abcd"));
        Path journal = run.resolve("journal.jsonl");
        String host = "{\"type\":\"task_started\",\"host\":\"web1\",\"step\":\"up\",\"index\":0,\"task\":\"t\",\"at\":\"2026-11-29T12:00:01Z\"}\n";
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(("{\"type\":\"run_started\",\"run\":\"20261129-120000-abcd\",\"name\":\"site\",\"hosts\":[\"web1\"],"
                + "\"steps\":[\"up\"],\"at\":\"2026-11-29T12:00:00Z\",\"origin\":{\"runbook\":\"/x/site.yml\"}}\n" + host
                + "{\"type\":\"task_finished\",\"host\":\"web1\",\"step\":\"up\",\"index\":0,\"status\":\"unreachable\","
                + "\"may_have_started\":true,\"msg\":\"dropped\",\"at\":\"2026-11-29T12:00:02Z\"}\n"
                + "{\"type\":\"run_finished\",\"exit\":3,\"recap\":{},\"at\":\"2026-11-29T12:00:03Z\"}\n").getBytes(StandardCharsets.UTF_8));
        Fuzzer.run("journal", seeds, input -> {
            Files.write(journal, input);
            for (String[] args : new String[][] {{"runs"}, {"show", "20261129-120000-abcd"}}) {
                List<String> argv = new ArrayList<>(List.of(args));
                argv.addAll(List.of("--state-dir", state.toString()));
                userErrorAtMost(Cli.run(argv.toArray(String[]::new)), journal, 0, 4, 7);
            }
        });
    }

    private static void userErrorAtMost(Cli.Result r, Path file, int... allowed) {
        CliInvariant.userErrorAtMost(r, file, allowed);
    }

    private static List<byte[]> files(Path... roots) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(f -> f.toString().matches(".*\\.(ya?ml|ini)$")).sorted().toList()) {
                    out.add(Files.readAllBytes(p));
                }
            }
        }
        return out;
    }
}
