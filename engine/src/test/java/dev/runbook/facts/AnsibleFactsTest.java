package dev.runbook.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The facts Ansible computes from recorded /proc and tool output, without a host. */
class AnsibleFactsTest {
    static final String CPUINFO_2_SOCKETS = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Gold 6230
            physical id\t: 0
            siblings\t: 4
            core id\t\t: 0
            cpu cores\t: 2

            processor\t: 1
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Gold 6230
            physical id\t: 1
            siblings\t: 4
            core id\t\t: 0
            cpu cores\t: 2
            """;

    @Test
    void processorsAsAnsibleCountsThem() {
        Map<String, Object> p = Hardware.processors(CPUINFO_2_SOCKETS, "x86_64", "2\n");
        assertThat(p).containsEntry("processor_count", 2).containsEntry("processor_cores", 2)
                .containsEntry("processor_threads_per_core", 2).containsEntry("processor_vcpus", 8).containsEntry("processor_nproc", 2)
                .containsEntry("processor", List.of("0", "GenuineIntel", "Intel(R) Xeon(R) Gold 6230", "1", "GenuineIntel",
                        "Intel(R) Xeon(R) Gold 6230"));
        Map<String, Object> arm = Hardware.processors("processor\t: 0\nBogoMIPS\t: 50.00\n\nprocessor\t: 1\nBogoMIPS\t: 50.00\n",
                "aarch64", "2");
        assertThat(arm).containsEntry("processor_count", 2).containsEntry("processor_cores", 1).containsEntry("processor_vcpus", 2);
    }

    @Test
    void memoryInMegabytesRoundedDown() {
        Map<String, Object> m = Hardware.memory("MemTotal:       24683652 kB\nMemFree:        12695552 kB\nBuffers:  1024 kB\n"
                + "Cached:  2048000 kB\nSwapCached: 0 kB\nSwapTotal: 1048572 kB\nSwapFree: 1048572 kB\n");
        assertThat(m).containsEntry("memtotal_mb", 24105L).containsEntry("memfree_mb", 12398L).containsEntry("swaptotal_mb", 1023L)
                .containsEntry("swapfree_mb", 1023L);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> mb = (Map<String, Map<String, Object>>) m.get("memory_mb");
        assertThat(mb.get("nocache")).isEqualTo(Map.of("free", 14399L, "used", 9706L));
        assertThat(mb.get("real")).isEqualTo(Map.of("total", 24105L, "free", 12398L, "used", 11707L));
    }

    @Test
    void defaultIpv4FromTheRouteAndTheInterface() {
        Map<String, Object> n = NetworkFacts.facts("8.8.8.8 via 192.0.2.1 dev eth0 src 192.0.2.2 uid 0 \n    cache \n",
                "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
                        + "4: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0\\       valid_lft forever preferred_lft forever\n",
                "eth0 02:fc:00:00:00:01 1400 1\nlo 00:00:00:00:00:00 65536 772\n", "eth0\nlo\n",
                "nameserver 10.0.0.53\nsearch shop.test corp.test\noptions ndots:2 rotate\n");
        assertThat(n.get("default_ipv4")).isEqualTo(Map.ofEntries(Map.entry("address", "192.0.2.2"), Map.entry("alias", "eth0"),
                Map.entry("broadcast", "192.0.2.255"), Map.entry("netmask", "255.255.255.0"), Map.entry("network", "192.0.2.0"),
                Map.entry("prefix", "24"), Map.entry("gateway", "192.0.2.1"), Map.entry("interface", "eth0"),
                Map.entry("macaddress", "02:fc:00:00:00:01"), Map.entry("mtu", 1400), Map.entry("type", "ether")));
        assertThat(n.get("all_ipv4_addresses")).isEqualTo(List.of("192.0.2.2"));
        assertThat(n.get("dns")).isEqualTo(Map.of("nameservers", List.of("10.0.0.53"), "search", List.of("shop.test", "corp.test"),
                "options", Map.of("ndots", "2", "rotate", true)));
        assertThat(NetworkFacts.facts("", "", "", "", "").get("default_ipv4")).isEqualTo(Map.of());
    }

    @Test
    void distributionsAsAnsibleNamesThem() {
        assertThat(Distribution.facts(Map.of("ID", "debian", "VERSION_ID", "12", "VERSION_CODENAME", "bookworm"), "12.11\n"))
                .containsEntry("distribution", "Debian").containsEntry("distribution_version", "12.11")
                .containsEntry("distribution_major_version", "12").containsEntry("distribution_minor_version", "11");
        assertThat(Distribution.facts(Map.of("ID", "ubuntu", "VERSION_ID", "22.04", "VERSION_CODENAME", "jammy"), "bookworm/sid"))
                .containsEntry("distribution", "Ubuntu").containsEntry("os_family", "Debian").containsEntry("distribution_version", "22.04")
                .containsEntry("distribution_major_version", "22").containsEntry("distribution_release", "jammy");
        assertThat(Distribution.facts(Map.of("ID", "rhel", "VERSION_ID", "9.4"), null))
                .containsEntry("distribution", "RedHat").containsEntry("os_family", "RedHat");
        assertThat(Distribution.facts(Map.of("ID", "opensuse-leap", "VERSION_ID", "15.5"), null))
                .containsEntry("distribution", "openSUSE Leap").containsEntry("os_family", "Suse");
        assertThat(Distribution.facts(Map.of("ID", "mydistro", "ID_LIKE", "rhel fedora", "VERSION_ID", "3"), null))
                .containsEntry("distribution", "Mydistro").containsEntry("os_family", "RedHat");
    }

    @Test
    void serviceManagerAsAnsibleFindsIt() {
        assertThat(HostFacts.serviceManager("systemd", "systemctl", "")).isEqualTo("systemd");
        assertThat(HostFacts.serviceManager("bash", "systemctl", "/run/systemd/system\n/etc/init.d\n")).isEqualTo("systemd");
        assertThat(HostFacts.serviceManager("sh", "", "/etc/init.d\n")).isEqualTo("sysvinit");
        assertThat(HostFacts.serviceManager("runit-init", "", "")).isEqualTo("runit");
        assertThat(HostFacts.serviceManager("tini", "", "")).isEqualTo("tini");
    }
}
