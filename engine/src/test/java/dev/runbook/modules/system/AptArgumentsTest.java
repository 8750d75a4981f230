package dev.runbook.modules.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.modules.Args;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The apt module's argument reading, origin pins and the dnf versionlock parser, without a host. */
class AptArgumentsTest {
    final Apt apt = new Apt();

    List<String> problems(Map<String, Object> raw) {
        Args.Bound bound = Args.bind(apt.spec(), raw);
        assertThat(bound.ok()).as(bound.problems().toString()).isTrue();
        return apt.validate(bound.args());
    }

    @Test
    void upgradeTakesAnsiblesSpellings() {
        assertThat(List.of("yes", "safe", "true", "True", "on").stream().map(AptRequest::upgradeMode)).containsOnly("safe");
        assertThat(List.of("full", "dist").stream().map(AptRequest::upgradeMode)).containsOnly("dist");
        assertThat(List.of("no", "false", "off").stream().map(AptRequest::upgradeMode)).containsOnly("no");
        assertThat(AptRequest.upgradeMode("everything")).isNull();
        assertThat(problems(Map.of("upgrade", "everything"))).contains("upgrade must be one of no, yes, safe, full, dist, not 'everything'");
        assertThat(problems(Map.of("upgrade", true))).isEmpty();
    }

    @Test
    void somethingToDoIsRequiredAndCacheValidTimeImpliesARefresh() {
        assertThat(problems(Map.of())).containsExactly("apt needs name, deb, upgrade, autoremove, clean, autoclean or update_cache");
        assertThat(problems(Map.of("cache_valid_time", 3600))).isEmpty();
        Args args = Args.bind(apt.spec(), Map.of("cache_valid_time", "1h")).args();
        assertThat(Apt.refresh(args)).isTrue();
        assertThat(problems(Map.of("deb", "/tmp/x.deb", "state", "absent"))).hasSize(1);
        assertThat(problems(Map.of("pkg", "nginx"))).isEmpty();
    }

    @Test
    void originsBecomePinsWhereTheFirstMatchWins() {
        AptOptions o = new AptOptions(null, null, List.of("a=*-security", "origin security.example.org"), List.of(), List.of(), false);
        assertThat(o.preferences()).isEqualTo("""
                Package: *
                Pin: release a=*-security
                Pin-Priority: 500

                Package: *
                Pin: origin security.example.org
                Pin-Priority: 500

                Package: *
                Pin: release a=now
                Pin-Priority: 100

                Package: *
                Pin: release *
                Pin-Priority: 1

                """);
        assertThat(AptOptions.DEFAULT.preferences()).isNull();
        assertThat(problems(Map.of("upgrade", "yes", "origins", List.of("a=x\nPin-Priority: 1000")))).hasSize(1);
    }

    @Test
    void optionsReachApt() {
        AptOptions o = new AptOptions(false, "bookworm-backports", List.of(), List.of("force-confnew"), List.of("downgrades"), true);
        assertThat(o.common()).containsExactly("-o", "APT::Install-Recommends=false", "-t", "bookworm-backports", "--allow-downgrades",
                "--no-remove");
        assertThat(o.dpkg()).containsExactly("-o", "Dpkg::Options::=--force-confnew");
    }

    @Test
    void versionlockListGivesPackageNames() {
        String out = """
                Last metadata expiration check: 0:01:02 ago on Sun 29 Nov 2026 12:00:00 UTC.
                nginx-1:1.20.1-14.el9_2.1.*
                python3-libs-3.9.18-1.el9.*
                !kernel-0:5.14.0-362.el9.*
                """;
        assertThat(PackageOutput.versionlocks(out)).containsExactly("nginx", "python3-libs", "kernel");
    }
}
