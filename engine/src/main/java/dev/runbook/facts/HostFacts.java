package dev.runbook.facts;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Facts about a host: one read-only command, one parser. The parser is pure, so it is tested on
 * recorded output without a host. Keys (Ansible's names where Ansible has one):
 * {@code os_family} (debian, redhat, alpine, suse, archlinux, unknown), {@code distribution} (the
 * os-release ID), {@code distribution_version}, {@code distribution_release} (codename),
 * {@code kernel}, {@code architecture}, {@code pkg_mgr} (apt, dnf, yum, apk, zypper, unknown),
 * {@code service_mgr} (systemd, sysv), {@code user_id}.
 */
public final class HostFacts {
    /** One round trip; each section is introduced by a marker line so the parser can split them. */
    static final String PROBE = String.join("; ",
            "echo '@@os-release'", "cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null",
            "echo '@@uname'", "uname -s -r -m",
            "echo '@@tools'", "for t in apt-get dnf yum apk zypper systemctl; do command -v $t >/dev/null 2>&1 && echo $t; done",
            "echo '@@pid1'", "cat /proc/1/comm 2>/dev/null",
            "echo '@@user'", "id -un");

    private HostFacts() {
    }

    public static Map<String, Object> gather(Connection connection) throws ConnectionException, InterruptedException {
        CommandResult r = connection.run(CommandRequest.readOnly(new Command.Shell(PROBE)));
        return parse(r.stdout());
    }

    /** Parses the probe's output. Missing sections give "unknown", never an exception. */
    public static Map<String, Object> parse(String output) {
        Map<String, String> sections = sections(output);
        Map<String, String> os = osRelease(sections.getOrDefault("os-release", ""));
        Map<String, Object> facts = new LinkedHashMap<>();
        String id = os.getOrDefault("ID", "unknown");
        facts.put("distribution", id);
        facts.put("distribution_version", os.getOrDefault("VERSION_ID", ""));
        facts.put("distribution_release", os.getOrDefault("VERSION_CODENAME", ""));
        facts.put("os_family", family(id, os.getOrDefault("ID_LIKE", "")));
        String[] uname = sections.getOrDefault("uname", "").trim().split("\\s+");
        facts.put("system", uname.length > 0 && !uname[0].isEmpty() ? uname[0] : "unknown");
        facts.put("kernel", uname.length > 1 ? uname[1] : "");
        facts.put("architecture", uname.length > 2 ? uname[2] : "");
        String tools = sections.getOrDefault("tools", "");
        facts.put("pkg_mgr", packageManager(tools));
        String pid1 = sections.getOrDefault("pid1", "").trim();
        facts.put("service_mgr", pid1.equals("systemd") || (pid1.isEmpty() && tools.contains("systemctl")) ? "systemd" : "sysv");
        facts.put("user_id", sections.getOrDefault("user", "").trim());
        return facts;
    }

    private static Map<String, String> sections(String output) {
        Map<String, String> out = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String line : output.split("\n", -1)) {
            if (line.startsWith("@@")) {
                if (current != null) {
                    out.put(current, body.toString());
                }
                current = line.substring(2).trim();
                body.setLength(0);
            } else if (current != null) {
                body.append(line).append('\n');
            }
        }
        if (current != null) {
            out.put(current, body.toString());
        }
        return out;
    }

    static Map<String, String> osRelease(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0 || line.startsWith("#")) {
                continue;
            }
            String value = line.substring(eq + 1).trim();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            m.put(line.substring(0, eq).trim(), value);
        }
        return m;
    }

    static String family(String id, String idLike) {
        String all = (id + " " + idLike).toLowerCase(Locale.ROOT);
        if (all.matches(".*\\b(debian|ubuntu)\\b.*")) {
            return "debian";
        }
        if (all.matches(".*\\b(rhel|fedora|centos|rocky|almalinux|ol|amzn)\\b.*")) {
            return "redhat";
        }
        if (all.contains("alpine")) {
            return "alpine";
        }
        if (all.contains("suse")) {
            return "suse";
        }
        if (all.contains("arch")) {
            return "archlinux";
        }
        return "unknown";
    }

    private static String packageManager(String tools) {
        for (String candidate : new String[] {"apt-get", "dnf", "yum", "apk", "zypper"}) {
            if (tools.lines().anyMatch(candidate::equals)) {
                return candidate.equals("apt-get") ? "apt" : candidate;
            }
        }
        return "unknown";
    }
}
