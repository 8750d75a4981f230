package dev.runbook.modules.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.TestModuleContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * package on dnf (Debian packages it too) against a real rpm database in an install root, fed by
 * a local repository of tiny packages built by the test.
 */
class PackageDnfTest {
    static final Map<String, Object> DNF = Map.of("pkg_mgr", "dnf", "os_family", "redhat", "service_mgr", "systemd");
    final Package module = new Package();
    final RecordingConnection planned = new RecordingConnection();
    final TestModuleContext plan = new TestModuleContext(planned).checkMode(true).facts(DNF);
    final TestModuleContext ctx = new TestModuleContext(new RecordingConnection()).facts(DNF);
    RpmRepo rpm;

    @BeforeEach
    void repository(@TempDir Path dir) throws IOException {
        rpm = new RpmRepo(dir).add("rbtest-hello", "1.0", null);
    }

    @AfterEach
    void planOnlyProbed() {
        assertThat(planned.allReadOnly()).isTrue();
    }

    Args args(Map<String, Object> raw) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("root", rpm.root.toString()));
        m.putAll(raw);
        return TestModuleContext.args(module, m);
    }

    @Test
    void installUpgradeAndRemoveArePredictedAppliedAndIdempotent() throws Exception {
        Args hello = args(Map.of("name", "rbtest-hello"));
        Change c = module.check(plan, hello);
        assertThat(c.kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(c.summary()).isEqualTo("would install rbtest-hello (1.0-1)");
        assertThat(rpm.installedVersion("rbtest-hello")).isNull();
        ModuleResult r = module.apply(ctx, hello);
        assertThat(r.data().get("installed")).isEqualTo(List.of("rbtest-hello"));
        assertThat(rpm.installedVersion("rbtest-hello")).isEqualTo("1.0");
        assertThat(module.apply(ctx, hello).changed()).isFalse();

        rpm.add("rbtest-hello", "1.1", null);
        Args latest = args(Map.of("name", "rbtest-hello", "state", "latest", "update_cache", true));
        assertThat(module.apply(ctx, args(Map.of("update_cache", true))).data().get("cache_updated")).isEqualTo(true);
        Change up = module.check(plan, latest);
        assertThat(up.summary()).isEqualTo("would refresh the package lists, then upgrade rbtest-hello 1.0-1 → 1.1-1");
        assertThat(module.apply(ctx, latest).data().get("upgraded")).isEqualTo(List.of("rbtest-hello"));
        assertThat(rpm.installedVersion("rbtest-hello")).isEqualTo("1.1");
        assertThat(module.check(plan, args(Map.of("name", "rbtest-hello", "state", "latest"))).kind()).isEqualTo(ChangeKind.NONE);

        Args absent = args(Map.of("name", "rbtest-hello", "state", "absent"));
        assertThat(module.check(plan, absent).summary()).isEqualTo("would remove rbtest-hello");
        assertThat(module.apply(ctx, absent).data().get("removed")).isEqualTo(List.of("rbtest-hello"));
        assertThat(rpm.installedVersion("rbtest-hello")).isNull();
        assertThat(module.apply(ctx, absent).changed()).isFalse();
    }

    @Test
    void dependenciesAreListedAndUnknownPackagesAreClearFailures() throws Exception {
        rpm.add("rbtest-lib", "2.0", null).add("rbtest-app", "3.0", "rbtest-lib >= 2.0");
        module.apply(ctx, args(Map.of("update_cache", true)));
        assertThat(module.check(plan, args(Map.of("name", "rbtest-app"))).summary())
                .isEqualTo("would install rbtest-app (3.0-1), rbtest-lib (2.0-1)");
        assertThatThrownBy(() -> module.check(plan, args(Map.of("name", "rbtest-nope"))))
                .isInstanceOf(ModuleException.class).hasMessageContaining("rbtest-nope");
    }
}
