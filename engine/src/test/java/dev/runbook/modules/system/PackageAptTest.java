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
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * package on apt against a real package database in an alternate root, fed by a local repository
 * of tiny packages built by the test. The machine's own packages are never touched.
 */
class PackageAptTest {
    final Package module = new Package();
    final RecordingConnection planned = new RecordingConnection();
    final TestModuleContext plan = new TestModuleContext(planned).checkMode(true);
    final TestModuleContext ctx = new TestModuleContext(new RecordingConnection());
    AptRepo apt;

    @BeforeEach
    void repository(@TempDir Path dir) throws IOException {
        apt = new AptRepo(dir).add("rbtest-hello", "1.0", null);
    }

    @AfterEach
    void planOnlyProbed() throws IOException {
        assertThat(planned.allReadOnly()).isTrue();
        // the machine's own database never learns about the test packages
        assertThat(AptRepo.run(List.of("sh", "-c", "dpkg-query -W 'rbtest-*' 2>/dev/null; true"), Path.of("/"))).isEmpty();
    }

    Args args(Map<String, Object> raw) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("root", apt.root.toString()));
        m.putAll(raw);
        return TestModuleContext.args(module, m);
    }

    @Test
    void installIsPredictedAppliedOnceThenUnchanged() throws Exception {
        ModuleResult refresh = module.apply(ctx, args(Map.of("update_cache", true)));
        assertThat(refresh.changed()).isTrue();
        assertThat(refresh.data().get("cache_updated")).isEqualTo(true);

        Args hello = args(Map.of("name", "rbtest-hello"));
        Change c = module.check(plan, hello);
        assertThat(c.kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(c.summary()).isEqualTo("would install rbtest-hello (1.0)");
        assertThat(apt.installedVersion("rbtest-hello")).isNull();

        ModuleResult r = module.apply(ctx, hello);
        assertThat(r.changed()).isTrue();
        assertThat(r.msg()).isEqualTo("installed rbtest-hello (1.0)");
        assertThat(r.data().get("installed")).isEqualTo(List.of("rbtest-hello"));
        assertThat(r.data().get("reboot_required")).isEqualTo(false);
        assertThat(apt.installedVersion("rbtest-hello")).isEqualTo("1.0");

        assertThat(module.apply(ctx, hello).changed()).isFalse();
        assertThat(module.check(plan, hello).kind()).isEqualTo(ChangeKind.NONE);
    }

    @Test
    void latestPredictsAndAppliesTheUpgradeThenAbsentRemoves() throws Exception {
        module.apply(ctx, args(Map.of("name", "rbtest-hello", "update_cache", true)));
        apt.add("rbtest-hello", "1.1", null);
        Args fresh = args(Map.of("update_cache", true, "cache_valid_time", "1h"));
        assertThat(module.check(plan, fresh).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(module.apply(ctx, args(Map.of("update_cache", true))).changed()).isTrue();

        Args latest = args(Map.of("name", List.of("rbtest-hello"), "state", "latest"));
        Change c = module.check(plan, latest);
        assertThat(c.kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(c.summary()).isEqualTo("would upgrade rbtest-hello 1.0 → 1.1");
        assertThat(module.check(plan, args(Map.of("name", "rbtest-hello"))).kind()).isEqualTo(ChangeKind.NONE);
        ModuleResult up = module.apply(ctx, latest);
        assertThat(up.data().get("upgraded")).isEqualTo(List.of("rbtest-hello"));
        assertThat(apt.installedVersion("rbtest-hello")).isEqualTo("1.1");
        assertThat(module.apply(ctx, latest).changed()).isFalse();

        Args absent = args(Map.of("name", "rbtest-hello", "state", "absent"));
        Change gone = module.check(plan, absent);
        assertThat(gone.kind()).isEqualTo(ChangeKind.REMOVE);
        assertThat(gone.summary()).isEqualTo("would remove rbtest-hello");
        // as a kernel package's postinst would leave it
        java.nio.file.Files.writeString(apt.root.resolve("var/run/reboot-required"), "*** System restart required ***\n");
        ModuleResult removed = module.apply(ctx, absent);
        assertThat(removed.data().get("removed")).isEqualTo(List.of("rbtest-hello"));
        assertThat(removed.data().get("reboot_required")).isEqualTo(true);
        assertThat(apt.installedVersion("rbtest-hello")).isNull();
        assertThat(module.apply(ctx, absent).changed()).isFalse();
    }

    @Test
    void upgradeAllPredictsAndAppliesEveryPendingUpgrade() throws Exception {
        apt.add("rbtest-lib", "2.0", null);
        module.apply(ctx, args(Map.of("name", "rbtest-hello, rbtest-lib", "update_cache", true)));
        assertThat(apt.installedVersion("rbtest-lib")).isEqualTo("2.0");
        apt.add("rbtest-hello", "1.1", null).add("rbtest-lib", "2.1", null);
        module.apply(ctx, args(Map.of("update_cache", true)));
        Args all = args(Map.of("upgrade", "dist"));
        assertThat(module.check(plan, all).summary()).isEqualTo("would upgrade rbtest-hello 1.0 → 1.1, rbtest-lib 2.0 → 2.1");
        ModuleResult r = module.apply(ctx, all);
        assertThat(r.data().get("upgraded")).isEqualTo(List.of("rbtest-hello", "rbtest-lib"));
        assertThat(apt.installedVersion("rbtest-lib")).isEqualTo("2.1");
        assertThat(module.check(plan, all).kind()).isEqualTo(ChangeKind.NONE);
    }

    @Test
    void dependenciesAreListedInThePlan() throws Exception {
        apt.add("rbtest-lib", "2.0", null).add("rbtest-app", "3.0", "rbtest-lib (>= 2.0)");
        module.apply(ctx, args(Map.of("update_cache", true)));
        Change c = module.check(plan, args(Map.of("name", "rbtest-app")));
        assertThat(c.summary()).isEqualTo("would install rbtest-lib (2.0), rbtest-app (3.0)");
        ModuleResult r = module.apply(ctx, args(Map.of("name", "rbtest-app")));
        assertThat(r.data().get("installed")).isEqualTo(List.of("rbtest-lib", "rbtest-app"));
        assertThat(apt.installedVersion("rbtest-lib")).isEqualTo("2.0");
    }

    @Test
    void unknownPackageIsAClearFailureUnlessTheListsWouldBeRefreshed() throws Exception {
        assertThat(module.check(plan, args(Map.of("name", "rbtest-hello", "update_cache", true))).kind())
                .isEqualTo(ChangeKind.UNKNOWN);
        assertThatThrownBy(() -> module.check(plan, args(Map.of("name", "rbtest-nope"))))
                .isInstanceOf(ModuleException.class).hasMessageContaining("Unable to locate package rbtest-nope");
    }

    @Test
    void aHeldDpkgLockFailsAfterLockTimeout() throws Exception {
        module.apply(ctx, args(Map.of("update_cache", true)));
        Path lock = apt.root.resolve("var/lib/dpkg/lock-frontend");
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = ch.lock()) {
            assertThat(held.isValid()).isTrue();
            assertThatThrownBy(() -> module.apply(ctx, args(Map.of("name", "rbtest-hello", "lock_timeout", 1))))
                    .isInstanceOf(ModuleException.class).hasMessageContaining("locked by another process");
        }
        assertThat(apt.installedVersion("rbtest-hello")).isNull();
        assertThat(module.apply(ctx, args(Map.of("name", "rbtest-hello"))).changed()).isTrue();
    }
}
