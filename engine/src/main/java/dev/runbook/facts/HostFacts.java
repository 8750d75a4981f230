package dev.runbook.facts;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Facts about a host, with Ansible's names and values (what its setup module returns, without the
 * {@code ansible_} prefix): one read-only command, one parser. The parser is pure, so it is
 * tested on recorded output without a host. See {@link #NAMES} for the keys.
 */
public final class HostFacts {
    /** Every fact this gathers (plus distribution_minor_version when the version has one). */
    public static final List<String> NAMES = List.of("distribution", "distribution_version", "distribution_major_version",
            "distribution_minor_version", "distribution_release", "os_family", "system", "kernel", "kernel_version", "architecture",
            "machine", "hostname", "nodename", "fqdn", "domain", "pkg_mgr", "service_mgr", "user_id", "user_uid", "user_gid",
            "user_gecos", "user_dir", "user_shell", "real_user_id", "effective_user_id", "real_group_id", "effective_group_id",
            "machine_id", "uptime_seconds", "memtotal_mb", "memfree_mb", "swaptotal_mb", "swapfree_mb", "memory_mb", "processor",
            "processor_count", "processor_cores", "processor_threads_per_core", "processor_vcpus", "processor_nproc", "default_ipv4",
            "all_ipv4_addresses", "interfaces", "dns");

    /** One round trip; each section is introduced by a marker line so the parser can split them. */
    static final String PROBE = String.join("; ",
            "echo '@@os-release'", "cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null",
            "echo '@@debian_version'", "cat /etc/debian_version 2>/dev/null",
            "echo '@@uname'", "uname -s -r -m", "echo '@@uname_v'", "uname -v", "echo '@@nodename'", "uname -n",
            // Python's socket.getfqdn(), as Ansible computes fqdn: the node name's address, looked up again
            "echo '@@fqdn'", "a=$(getent hosts \"$(uname -n)\" 2>/dev/null | awk '{print $1; exit}'); "
                    + "[ -n \"$a\" ] && getent hosts \"$a\" 2>/dev/null | head -n 1",
            "echo '@@tools'", "for t in apt-get dnf yum apk zypper pacman systemctl; do command -v $t >/dev/null 2>&1 && echo $t; done",
            "echo '@@pid1'", "cat /proc/1/comm 2>/dev/null",
            "echo '@@init'", "for d in /run/systemd/system /sbin/openrc /etc/init.d; do [ -e $d ] && echo $d; done",
            "echo '@@user'", "id -un; id -u; id -g; id -ru; id -rg; getent passwd \"$(id -un)\"",
            "echo '@@machine_id'", "cat /etc/machine-id 2>/dev/null || cat /var/lib/dbus/machine-id 2>/dev/null",
            "echo '@@uptime'", "cat /proc/uptime 2>/dev/null",
            "echo '@@meminfo'", "cat /proc/meminfo 2>/dev/null",
            "echo '@@cpuinfo'", "cat /proc/cpuinfo 2>/dev/null",
            "echo '@@nproc'", "nproc 2>/dev/null",
            "echo '@@route'", "ip -4 route get 8.8.8.8 2>/dev/null",
            "echo '@@addr'", "ip -4 -o addr show 2>/dev/null",
            "echo '@@ifaces'", "ls /sys/class/net 2>/dev/null",
            "echo '@@sysnet'", "for i in $(ls /sys/class/net 2>/dev/null); do echo \"$i $(cat /sys/class/net/$i/address 2>/dev/null) "
                    + "$(cat /sys/class/net/$i/mtu 2>/dev/null) $(cat /sys/class/net/$i/type 2>/dev/null)\"; done",
            "echo '@@resolv'", "cat /etc/resolv.conf 2>/dev/null", "true");

    private HostFacts() {
    }

    /** The probe, for a module that runs it with its own timeout. */
    public static String probeScript() {
        return PROBE;
    }

    public static Map<String, Object> gather(Connection connection) throws ConnectionException, InterruptedException {
        CommandResult r = connection.run(CommandRequest.readOnly(new Command.Shell(PROBE)));
        return parse(r.stdout());
    }

    /** Parses the probe's output. Missing sections give Ansible's "NA" or empty values, never an exception. */
    public static Map<String, Object> parse(String output) {
        Map<String, String> s = sections(output);
        Map<String, Object> facts = new LinkedHashMap<>(Distribution.facts(osRelease(s.getOrDefault("os-release", "")),
                s.getOrDefault("debian_version", "")));
        String[] uname = s.getOrDefault("uname", "").trim().split("\\s+");
        facts.put("system", uname.length > 0 && !uname[0].isEmpty() ? uname[0] : "unknown");
        facts.put("kernel", uname.length > 1 ? uname[1] : "");
        facts.put("kernel_version", s.getOrDefault("uname_v", "").strip());
        String arch = uname.length > 2 ? uname[2] : "";
        facts.put("architecture", arch);
        facts.put("machine", arch);
        names(s, facts);
        String tools = s.getOrDefault("tools", "");
        facts.put("pkg_mgr", packageManager(tools));
        facts.put("service_mgr", serviceManager(s.getOrDefault("pid1", "").strip(), tools, s.getOrDefault("init", "")));
        user(s.getOrDefault("user", ""), facts);
        facts.put("machine_id", s.getOrDefault("machine_id", "").strip());
        String uptime = s.getOrDefault("uptime", "").trim();
        if (!uptime.isEmpty()) {
            facts.put("uptime_seconds", (long) Double.parseDouble(uptime.split("\\s+")[0]));
        }
        facts.putAll(Hardware.memory(s.getOrDefault("meminfo", "")));
        facts.putAll(Hardware.processors(s.getOrDefault("cpuinfo", ""), arch, s.getOrDefault("nproc", "")));
        facts.putAll(NetworkFacts.facts(s.getOrDefault("route", ""), s.getOrDefault("addr", ""), s.getOrDefault("sysnet", ""),
                s.getOrDefault("ifaces", ""), s.getOrDefault("resolv", "")));
        return facts;
    }

    /** hostname (short), nodename (uname -n), fqdn (as Python's getfqdn) and domain. */
    private static void names(Map<String, String> s, Map<String, Object> facts) {
        String node = s.getOrDefault("nodename", "").strip();
        facts.put("hostname", node.split("\\.", 2)[0]);
        facts.put("nodename", node);
        String[] lookup = s.getOrDefault("fqdn", "").trim().split("\\s+");
        String fqdn = node;
        if (lookup.length > 1) {
            fqdn = lookup[1];
            for (int i = 1; i < lookup.length; i++) {
                if (lookup[i].contains(".")) {
                    fqdn = lookup[i];
                    break;
                }
            }
        }
        facts.put("fqdn", fqdn);
        facts.put("domain", fqdn.contains(".") ? fqdn.substring(fqdn.indexOf('.') + 1) : "");
    }

    private static void user(String section, Map<String, Object> facts) {
        List<String> lines = section.lines().map(String::strip).toList();
        facts.put("user_id", lines.isEmpty() ? "" : lines.get(0));
        if (lines.size() < 5) {
            return;
        }
        facts.put("effective_user_id", toInt(lines.get(1)));
        facts.put("effective_group_id", toInt(lines.get(2)));
        facts.put("real_user_id", toInt(lines.get(3)));
        facts.put("real_group_id", toInt(lines.get(4)));
        if (lines.size() > 5) {
            String[] pw = lines.get(5).split(":", -1);
            if (pw.length >= 7) {
                facts.put("user_uid", toInt(pw[2]));
                facts.put("user_gid", toInt(pw[3]));
                facts.put("user_gecos", pw[4]);
                facts.put("user_dir", pw[5]);
                facts.put("user_shell", pw[6]);
            }
        }
    }

    private static Object toInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return s;
        }
    }

    /**
     * Ansible's service_mgr: PID 1's name (a few mapped: procd, runit-init, svscan, openrc-init),
     * unless it is init or a shell; then systemd when /run/systemd/system exists, openrc, sysvinit
     * with /etc/init.d, else "service".
     */
    static String serviceManager(String pid1, String tools, String init) {
        if (!pid1.isEmpty() && !pid1.equals("init") && !pid1.equals("COMMAND") && !pid1.endsWith("sh")) {
            return switch (pid1) {
                case "procd" -> "openwrt_init";
                case "runit-init" -> "runit";
                case "svscan" -> "svc";
                case "openrc-init" -> "openrc";
                default -> pid1;
            };
        }
        List<String> present = init.lines().map(String::strip).toList();
        if (tools.lines().anyMatch("systemctl"::equals) && present.contains("/run/systemd/system")) {
            return "systemd";
        }
        if (present.contains("/sbin/openrc")) {
            return "openrc";
        }
        if (present.contains("/etc/init.d")) {
            return "sysvinit";
        }
        return "service";
    }

    /** Splits a probe's output introduced by {@code @@name} marker lines into sections, in order. */
    public static Map<String, String> sections(String output) {
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

    private static String packageManager(String tools) {
        for (String candidate : new String[] {"apt-get", "dnf", "yum", "apk", "zypper", "pacman"}) {
            if (tools.lines().anyMatch(candidate::equals)) {
                return candidate.equals("apt-get") ? "apt" : candidate;
            }
        }
        return "unknown";
    }
}
