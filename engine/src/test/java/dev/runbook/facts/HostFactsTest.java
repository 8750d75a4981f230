package dev.runbook.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.connection.local.LocalConnection;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostFactsTest {

    @Test
    void debianBookworm() {
        String out = """
                @@os-release
                PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
                NAME="Debian GNU/Linux"
                VERSION_ID="12"
                VERSION_CODENAME=bookworm
                ID=debian
                @@uname
                Linux 6.1.0-18-amd64 x86_64
                @@tools
                apt-get
                systemctl
                @@pid1
                systemd
                @@user
                root
                """;
        Map<String, Object> f = HostFacts.parse(out);
        assertThat(f).containsEntry("os_family", "Debian").containsEntry("distribution", "Debian")
                .containsEntry("distribution_version", "12").containsEntry("distribution_major_version", "12")
                .containsEntry("distribution_release", "bookworm")
                .containsEntry("pkg_mgr", "apt").containsEntry("service_mgr", "systemd")
                .containsEntry("kernel", "6.1.0-18-amd64").containsEntry("architecture", "x86_64")
                .containsEntry("user_id", "root");
    }

    @Test
    void rockyWithDnfAndNoSystemdAsPid1() {
        String out = """
                @@os-release
                ID="rocky"
                ID_LIKE="rhel centos fedora"
                VERSION_ID="9.3"
                @@uname
                Linux 5.14.0 aarch64
                @@tools
                dnf
                yum
                @@pid1
                sh
                @@user
                deploy
                """;
        Map<String, Object> f = HostFacts.parse(out);
        assertThat(f).containsEntry("os_family", "RedHat").containsEntry("distribution", "Rocky").containsEntry("pkg_mgr", "dnf")
                .containsEntry("service_mgr", "service").containsEntry("distribution_version", "9.3")
                .containsEntry("distribution_major_version", "9").containsEntry("distribution_minor_version", "3");
    }

    @Test
    void emptyOutputGivesUnknownsNotAnException() {
        Map<String, Object> f = HostFacts.parse("");
        assertThat(f).containsEntry("os_family", "NA").containsEntry("distribution", "NA").containsEntry("pkg_mgr", "unknown");
    }

    @Test
    void gathersFromThisMachine() throws Exception {
        Map<String, Object> f = HostFacts.gather(new LocalConnection("localhost"));
        assertThat(f.get("system")).isEqualTo("Linux");
        assertThat(f.get("os_family")).isNotEqualTo("NA");
    }
}
