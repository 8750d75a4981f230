package dev.runbook.facts;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Ansible's distribution facts from /etc/os-release (and /etc/debian_version, where Debian keeps
 * its point release): {@code distribution} as Ansible names it (Debian, Ubuntu, RedHat, Rocky,
 * CentOS, ...), {@code distribution_version}, {@code distribution_major_version},
 * {@code distribution_minor_version} (when there is one), {@code distribution_release} and
 * {@code os_family} (Debian, RedHat, Suse, Alpine, Archlinux, ...).
 */
final class Distribution {
    /** os-release ID to Ansible's distribution name, where they differ by more than a capital. */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("rhel", "RedHat"), Map.entry("centos", "CentOS"), Map.entry("almalinux", "AlmaLinux"),
            Map.entry("ol", "OracleLinux"), Map.entry("amzn", "Amazon"), Map.entry("arch", "Archlinux"),
            Map.entry("archarm", "Archlinux"), Map.entry("opensuse-leap", "openSUSE Leap"),
            Map.entry("opensuse-tumbleweed", "openSUSE Tumbleweed"), Map.entry("opensuse", "openSUSE"), Map.entry("sles", "SLES"),
            Map.entry("sles_sap", "SLES_SAP"), Map.entry("linuxmint", "Linux Mint"), Map.entry("raspbian", "Debian"),
            Map.entry("pop", "Pop!_OS"), Map.entry("rocky", "Rocky"), Map.entry("fedora", "Fedora"), Map.entry("debian", "Debian"),
            Map.entry("ubuntu", "Ubuntu"), Map.entry("alpine", "Alpine"), Map.entry("kali", "Kali"), Map.entry("devuan", "Devuan"),
            Map.entry("gentoo", "Gentoo"), Map.entry("virtuozzo", "Virtuozzo"), Map.entry("scientific", "Scientific"));
    /** Ansible's OS_FAMILY_MAP, by distribution name. */
    private static final Map<String, String> FAMILIES = Map.ofEntries(
            Map.entry("RedHat", "RedHat"), Map.entry("Fedora", "RedHat"), Map.entry("CentOS", "RedHat"), Map.entry("Rocky", "RedHat"),
            Map.entry("AlmaLinux", "RedHat"), Map.entry("OracleLinux", "RedHat"), Map.entry("Amazon", "RedHat"),
            Map.entry("Scientific", "RedHat"), Map.entry("Virtuozzo", "RedHat"),
            Map.entry("Debian", "Debian"), Map.entry("Ubuntu", "Debian"), Map.entry("Linux Mint", "Debian"), Map.entry("Kali", "Debian"),
            Map.entry("Devuan", "Debian"), Map.entry("Pop!_OS", "Debian"),
            Map.entry("SLES", "Suse"), Map.entry("SLES_SAP", "Suse"), Map.entry("openSUSE Leap", "Suse"),
            Map.entry("openSUSE Tumbleweed", "Suse"), Map.entry("openSUSE", "Suse"),
            Map.entry("Alpine", "Alpine"), Map.entry("Archlinux", "Archlinux"), Map.entry("Gentoo", "Gentoo"));

    private Distribution() {
    }

    static Map<String, Object> facts(Map<String, String> osRelease, String debianVersion) {
        String id = osRelease.getOrDefault("ID", "").toLowerCase(Locale.ROOT);
        String name = id.isEmpty() ? "NA" : NAMES.getOrDefault(id, id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1));
        String version = osRelease.getOrDefault("VERSION_ID", "");
        String dv = debianVersion == null ? "" : debianVersion.strip();
        if (name.equals("Debian") && dv.matches("\\d+(\\.\\d+)*")) {
            version = dv;
        }
        String release = osRelease.getOrDefault("VERSION_CODENAME", "");
        if (release.isEmpty() && name.equals("Debian") && dv.contains("/")) {
            release = dv.substring(0, dv.indexOf('/')); // testing: "trixie/sid"
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("distribution", name);
        f.put("distribution_version", version.isEmpty() ? "NA" : version);
        String[] parts = version.split("\\.");
        f.put("distribution_major_version", version.isEmpty() ? "NA" : parts[0]);
        if (parts.length > 1) {
            f.put("distribution_minor_version", parts[1]);
        }
        f.put("distribution_release", release.isEmpty() ? "NA" : release);
        f.put("os_family", family(name, osRelease.getOrDefault("ID_LIKE", "")));
        return f;
    }

    /** The family of a distribution, else of what it says it is like (ID_LIKE), else its own name. */
    static String family(String name, String idLike) {
        String f = FAMILIES.get(name);
        if (f != null) {
            return f;
        }
        for (String like : idLike.toLowerCase(Locale.ROOT).split("\\s+")) {
            String n = NAMES.get(like);
            if (n != null && FAMILIES.containsKey(n)) {
                return FAMILIES.get(n);
            }
        }
        return name;
    }
}
