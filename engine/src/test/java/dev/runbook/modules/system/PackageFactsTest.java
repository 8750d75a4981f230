package dev.runbook.modules.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.RunbookCommand;
import dev.runbook.cli.Terminal;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.DebianPackages;
import dev.runbook.testing.TestModuleContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** package_facts from real dpkg and rpm databases, and ansible_facts.packages in a runbook, in plans too. */
class PackageFactsTest {
    final PackageFacts module = new PackageFacts();
    final TestModuleContext ctx = new TestModuleContext(new RecordingConnection());

    @SuppressWarnings("unchecked")
    static Map<String, List<Map<String, Object>>> packages(ModuleResult r) {
        return (Map<String, List<Map<String, Object>>>) ((Map<String, Object>) r.data().get("ansible_facts")).get("packages");
    }

    @Test
    void dpkgDatabaseOfARoot(@TempDir Path dir) throws Exception {
        AptRepo apt = new AptRepo(dir).add("rbtest-hello", "1:1.0-2", null);
        Package pkg = new Package();
        pkg.apply(ctx, TestModuleContext.args(pkg, Map.of("root", apt.root.toString(), "name", "rbtest-hello", "update_cache", true)));
        ModuleResult r = module.apply(ctx, TestModuleContext.args(module, Map.of("manager", "apt", "root", apt.root.toString())));
        assertThat(r.changed()).isFalse();
        assertThat(packages(r)).containsOnlyKeys("rbtest-hello");
        assertThat(packages(r).get("rbtest-hello")).containsExactly(Map.of("name", "rbtest-hello", "version", "1:1.0-2",
                "arch", "all", "category", "", "source", "apt"));
        assertThat(module.check(new TestModuleContext(new RecordingConnection()).checkMode(true),
                TestModuleContext.args(module, Map.of("manager", "apt", "root", apt.root.toString()))).kind()).isEqualTo(ChangeKind.NONE);
    }

    @Test
    void rpmDatabaseOfARoot(@TempDir Path dir) throws Exception {
        RpmRepo rpm = new RpmRepo(dir).add("rbtest-hello", "2.5", null);
        Path file;
        try (var s = Files.walk(rpm.repo)) {
            file = s.filter(p -> p.toString().endsWith(".rpm")).findFirst().orElseThrow();
        }
        AptRepo.run(List.of("rpm", "--root", rpm.root.toString(), "--initdb"), dir);
        AptRepo.run(List.of("rpm", "--root", rpm.root.toString(), "-i", "--nodeps", file.toString()), dir);
        ModuleResult r = module.apply(ctx, TestModuleContext.args(module, Map.of("manager", List.of("rpm"), "root", rpm.root.toString())));
        Map<String, Object> hello = packages(r).get("rbtest-hello").get(0);
        assertThat(hello).containsEntry("version", "2.5").containsEntry("release", "1").containsEntry("arch", "noarch")
                .containsEntry("source", "rpm").containsEntry("epoch", null);
    }

    @Test
    void ansibleFactsPackagesInARunbookPlanAndApply(@TempDir Path dir) throws Exception {
        DebianPackages.ensure("/usr/bin/dpkg-query", "dpkg");
        String bash = AptRepo.run(List.of("dpkg-query", "-W", "-f=${Version}", "bash"), dir);
        Files.writeString(dir.resolve("book.yml"), """
                runbook: facts
                steps:
                  facts:
                    tasks:
                      - package_facts: {manager: auto}
                      - assert:
                          that:
                            - "'bash' in ansible_facts.packages"
                            - "ansible_facts.packages['bash'][0].version == '%s'"
                            - "packages.bash[0].source == 'apt'"
                """.formatted(bash));
        for (String mode : List.of("plan", "apply")) {
            StringWriter out = new StringWriter();
            int code = RunbookCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(out, true), Terminal.PLAIN)
                    .execute(mode, "--state-dir=" + dir.resolve(".state"), dir.resolve("book.yml").toString());
            assertThat(code).as(mode + ": " + out).isZero();
        }
    }
}
