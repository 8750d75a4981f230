package dev.runbook.modules.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.modules.ChangeKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The package-manager output parsers, on output recorded from apt-get -s and dnf/yum --assumeno. */
class PackageOutputTest {

    static String recorded(String name) throws IOException {
        try (InputStream in = PackageOutputTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aptInstallListsNewPackagesWithDependenciesOnce() throws IOException {
        List<PackageChange> changes = PackageOutput.apt(recorded("apt-install-nginx.txt"));
        assertThat(changes).containsExactly(
                new PackageChange("nginx-common", "install", null, "1.22.1-9+deb12u11"),
                new PackageChange("nginx", "install", null, "1.22.1-9+deb12u11"));
        assertThat(Package.describe(changes)).isEqualTo("install nginx-common (1.22.1-9+deb12u11), nginx (1.22.1-9+deb12u11)");
        assertThat(Package.kind(changes)).isEqualTo(ChangeKind.CREATE);
    }

    @Test
    void aptUpgradeKeepsOldAndNewVersions() throws IOException {
        List<PackageChange> changes = PackageOutput.apt(recorded("apt-upgrade.txt"));
        assertThat(changes).hasSize(16).allMatch(c -> c.action().equals("upgrade"));
        assertThat(changes.get(0)).isEqualTo(new PackageChange("base-files", "upgrade", "12.4+deb12u11", "12.4+deb12u15"));
        assertThat(changes).contains(new PackageChange("libgcrypt20-dev", "upgrade", "1.10.1-3", "1.10.1-3+deb12u1"));
        assertThat(changes.get(1).describe()).isEqualTo("bash 5.2.15-2+b8 → 5.2.15-2+b13");
        assertThat(Package.kind(changes)).isEqualTo(ChangeKind.CHANGE);
        assertThat(Package.describe(changes)).isEqualTo("upgrade 16 packages (base-files, bash, libgcrypt20-dev, ... 13 more)");
        assertThat(Package.listing(changes).lines()).hasSize(16).first().isEqualTo("~ base-files 12.4+deb12u11 → 12.4+deb12u15");
    }

    @Test
    void aptRemoveAndPurge() throws IOException {
        assertThat(PackageOutput.apt(recorded("apt-remove-curl.txt")))
                .containsExactly(new PackageChange("curl", "remove", "7.88.1-10+deb12u14", null));
        assertThat(PackageOutput.apt("Purg curl [7.88.1-10+deb12u14]\n"))
                .containsExactly(new PackageChange("curl", "remove", "7.88.1-10+deb12u14", null));
        assertThat(PackageOutput.apt(recorded("apt-missing.txt"))).isEmpty();
    }

    @Test
    void dnfTableWithSectionsAndAWrappedName() throws IOException {
        List<PackageChange> changes = PackageOutput.dnf(recorded("dnf-install-nginx.txt"), Map.of("openssl-libs", "3.0.7-25.el9"));
        assertThat(changes).containsExactly(
                new PackageChange("nginx", "install", null, "2:1.20.1-14.el9_2.1"),
                new PackageChange("openssl-libs", "upgrade", "3.0.7-25.el9", "1:3.0.7-27.el9"),
                new PackageChange("nginx-core", "install", null, "2:1.20.1-14.el9_2.1"),
                new PackageChange("nginx-filesystem", "install", null, "2:1.20.1-14.el9_2.1"),
                new PackageChange("rocky-logos-httpd-and-a-very-long-package-name", "install", null, "90.15-2.el9"),
                new PackageChange("nginx-mod-http-perl", "install", null, "2:1.20.1-14.el9_2.1"));
    }

    @Test
    void dnfRemovalIncludesDependentsAndUnusedDependencies() throws IOException {
        List<PackageChange> changes = PackageOutput.dnf(recorded("dnf-remove-httpd.txt"), Map.of());
        assertThat(changes).extracting(PackageChange::name).containsExactly("httpd", "mod_ssl", "apr");
        assertThat(changes).allMatch(c -> c.action().equals("remove") && c.to() == null);
        assertThat(Package.kind(changes)).isEqualTo(ChangeKind.REMOVE);
    }

    @Test
    void dnf5UpgradeSkipsReplacingLinesAndTheSummary() throws IOException {
        assertThat(PackageOutput.dnf(recorded("dnf5-upgrade.txt"), Map.of()))
                .containsExactly(new PackageChange("curl", "upgrade", null, "8.9.1-3.fc41"));
        assertThat(PackageOutput.dnf("Dependencies resolved.\nNothing to do.\nComplete!\n", Map.of())).isEmpty();
    }

    @Test
    void installedVersionsFromDpkgQueryAndRpm() {
        String dpkg = "curl\t7.88.1-10+deb12u14\tii \nold-thing\t1.0\trc \nhalf\t2.0\tiF \n";
        assertThat(PackageOutput.installed(dpkg)).isEqualTo(Map.of("curl", "7.88.1-10+deb12u14", "half", "2.0"));
        String rpm = "nginx\t1.20.1-14.el9_2.1\npackage httpd is not installed\n";
        assertThat(PackageOutput.installed(rpm)).isEqualTo(Map.of("nginx", "1.20.1-14.el9_2.1"));
    }

    @Test
    void presentWithAVersionPinNeedsThatVersion() {
        Map<String, String> installed = Map.of("nginx", "1.22.1", "curl", "7.88");
        assertThat(PackageStates.missing(List.of("nginx", "curl=7.88", "git", "nginx=1.24"), installed))
                .containsExactly("git", "nginx=1.24");
    }
}
