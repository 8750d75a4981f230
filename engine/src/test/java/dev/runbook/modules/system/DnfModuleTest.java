package dev.runbook.modules.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.TestModuleContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dnf module against a real rpm database in an install root, fed by a local repository whose
 * updateinfo marks one update as a security advisory.
 */
class DnfModuleTest {
    final Dnf module = Dnf.dnf();
    final RecordingConnection planned = new RecordingConnection();
    final TestModuleContext plan = new TestModuleContext(planned).checkMode(true).facts(PackageDnfTest.DNF);
    final TestModuleContext ctx = new TestModuleContext(new RecordingConnection()).facts(PackageDnfTest.DNF);
    RpmRepo rpm;

    @BeforeEach
    void repository(@TempDir Path dir) throws IOException {
        rpm = new RpmRepo(dir).add("rbtest-app", "1.0", null).add("rbtest-lib", "1.0", null);
    }

    @AfterEach
    void planOnlyProbed() {
        assertThat(planned.allReadOnly()).isTrue();
    }

    Args args(Map<String, Object> raw) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("installroot", rpm.root.toString()));
        m.putAll(raw);
        return TestModuleContext.args(module, m);
    }

    /** Declares rbtest-lib 1.1 a security update in the repository's updateinfo. */
    void securityAdvisory() throws IOException {
        Path xml = rpm.repo.resolveSibling("updateinfo.xml");
        Files.writeString(xml, """
                <?xml version="1.0" encoding="UTF-8"?>
                <updates>
                  <update from="tests@localhost" status="stable" type="security" version="1.4">
                    <id>RBSA-2026:0001</id>
                    <title>rbtest-lib security update</title>
                    <issued date="2026-01-01 00:00:00"/>
                    <severity>Important</severity>
                    <description>fixes a test vulnerability</description>
                    <pkglist>
                      <collection short="rbtest">
                        <name>rbtest</name>
                        <package name="rbtest-lib" version="1.1" release="1" epoch="0" arch="noarch">
                          <filename>rbtest-lib-1.1-1.noarch.rpm</filename>
                        </package>
                      </collection>
                    </pkglist>
                  </update>
                </updates>
                """);
        AptRepo.run(List.of("modifyrepo_c", "--mdtype=updateinfo", xml.toString(), rpm.repo.resolve("repodata").toString()), rpm.repo);
    }

    @Test
    void securityOnlyUpgradesThePackageWithAnAdvisoryThenEverything() throws Exception {
        Args both = args(Map.of("name", List.of("rbtest-app", "rbtest-lib"), "update_cache", true));
        assertThat(module.apply(ctx, both).data().get("installed")).isEqualTo(List.of("rbtest-app", "rbtest-lib"));
        rpm.add("rbtest-app", "1.1", null).add("rbtest-lib", "1.1", null);
        securityAdvisory();
        module.apply(ctx, args(Map.of("update_cache", true)));

        Args security = args(Map.of("name", "*", "state", "latest", "security", true));
        Change c = module.check(plan, security);
        assertThat(c.kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(c.summary()).isEqualTo("would upgrade rbtest-lib 1.0-1 → 1.1-1");
        ModuleResult r = module.apply(ctx, security);
        assertThat(r.data().get("upgraded")).isEqualTo(List.of("rbtest-lib"));
        assertThat(r.data().get("held")).isEqualTo(List.of());
        assertThat(rpm.installedVersion("rbtest-lib")).isEqualTo("1.1");
        assertThat(rpm.installedVersion("rbtest-app")).isEqualTo("1.0");
        assertThat(module.apply(ctx, security).changed()).isFalse();
        assertThat(module.check(plan, security).kind()).isEqualTo(ChangeKind.NONE);

        Args all = args(Map.of("name", "*", "state", "latest"));
        assertThat(module.check(plan, all).summary()).isEqualTo("would upgrade rbtest-app 1.0-1 → 1.1-1");
        assertThat(module.apply(ctx, all).data().get("upgraded")).isEqualTo(List.of("rbtest-app"));
        assertThat(rpm.installedVersion("rbtest-app")).isEqualTo("1.1");
        assertThat(module.apply(ctx, all).changed()).isFalse();
    }

    @Test
    void updateOnlyNeverInstallsAndRemovedRemoves() throws Exception {
        Args onlyUpgrade = args(Map.of("name", "rbtest-app", "state", "latest", "update_only", true, "update_cache", true));
        assertThat(module.apply(ctx, onlyUpgrade).changed()).as("refreshing alone is no change when packages were named").isFalse();
        assertThat(rpm.installedVersion("rbtest-app")).isNull();

        module.apply(ctx, args(Map.of("name", "rbtest-app", "state", "installed")));
        assertThat(rpm.installedVersion("rbtest-app")).isEqualTo("1.0");
        Args removed = args(Map.of("name", "rbtest-app", "state", "removed"));
        assertThat(module.check(plan, removed).summary()).isEqualTo("would remove rbtest-app");
        assertThat(module.apply(ctx, removed).data().get("removed")).isEqualTo(List.of("rbtest-app"));
        assertThat(module.apply(ctx, removed).changed()).isFalse();
        assertThat(Dnf.yum().name()).isEqualTo("yum");
    }
}
