package dev.runbook.connection.ssh;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inventory variables first, then the OpenSSH client config, then defaults (port 22, the local
 * user) — the order Ansible's ssh connection ends up with. Config {@code Host} patterns are
 * matched against {@code ansible_host} when set, else the inventory name, as ssh would see them,
 * and a matching {@code HostName} replaces that name.
 */
final class TargetResolver {
    private static final Pattern JUMP_OPTION = Pattern.compile("(?:-J\\s*|-o\\s*ProxyJump\\s*=?\\s*)([^\\s'\"]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ALIVE_OPTION = Pattern.compile(
            "-o\\s*(ServerAliveInterval|ServerAliveCountMax)\\s*=?\\s*([^\\s'\"]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern JUMP_SPEC = Pattern.compile("(?:([^@]+)@)?([^:@]+)(?::(\\d+))?");

    private final SshConfig config;
    private final Path home;
    private final String localUser;

    TargetResolver(SshConfig config, Path home, String localUser) {
        this.config = config;
        this.home = home;
        this.localUser = localUser;
    }

    SshTarget resolve(String name, Map<String, Object> vars) {
        String configName = str(vars, "ansible_host");
        String sshName = configName != null ? configName : name;
        Map<String, List<String>> cfg = config.lookup(sshName);
        // as with `ssh <ansible_host>`: a HostName in the config replaces the name given
        String hostName = one(cfg, "hostname");
        String address = hostName != null ? hostName.replace("%h", sshName) : sshName;
        String user = first(str(vars, "ansible_user"), str(vars, "ansible_ssh_user"), one(cfg, "user"), localUser);
        int port = port(name, first(str(vars, "ansible_port"), str(vars, "ansible_ssh_port"), one(cfg, "port"), "22"));
        List<Path> keys = new ArrayList<>();
        String keyVar = str(vars, "ansible_ssh_private_key_file");
        if (keyVar != null) {
            keys.add(path(keyVar, address, user));
        }
        for (String k : cfg.getOrDefault("identityfile", List.of())) {
            keys.add(path(k, address, user));
        }
        String password = first(str(vars, "ansible_password"), str(vars, "ansible_ssh_pass"),
                str(vars, "ansible_ssh_password"));
        String jump = first(jumpFromArgs(str(vars, "ansible_ssh_common_args")),
                jumpFromArgs(str(vars, "ansible_ssh_extra_args")), one(cfg, "proxyjump"));
        if ("none".equalsIgnoreCase(jump)) {
            jump = null;
        }
        String timeout = first(str(vars, "ansible_ssh_timeout"), str(vars, "ansible_timeout"), one(cfg, "connecttimeout"));
        Duration connectTimeout = timeout == null ? SshTarget.DEFAULT_CONNECT_TIMEOUT
                : Duration.ofSeconds(number(name, "connect timeout", timeout));
        return new SshTarget(name, address, port, user, keys, password, null, jump, connectTimeout,
                keepAlive(name, vars, cfg));
    }

    /** ServerAliveInterval / ServerAliveCountMax from {@code -o} in the ssh args, then ssh config; 0 keeps the default. */
    private static SshTarget.KeepAlive keepAlive(String name, Map<String, Object> vars, Map<String, List<String>> cfg) {
        String args = (str(vars, "ansible_ssh_common_args") == null ? "" : str(vars, "ansible_ssh_common_args")) + " "
                + (str(vars, "ansible_ssh_extra_args") == null ? "" : str(vars, "ansible_ssh_extra_args"));
        String interval = first(aliveOption(args, "serveraliveinterval"), one(cfg, "serveraliveinterval"));
        String count = first(aliveOption(args, "serveralivecountmax"), one(cfg, "serveralivecountmax"));
        SshTarget.KeepAlive d = SshTarget.KeepAlive.DEFAULT;
        long i = interval == null ? 0 : number(name, "ServerAliveInterval", interval);
        long n = count == null ? 0 : number(name, "ServerAliveCountMax", count);
        if (i < 0 || n < 0 || i > 86_400 || n > 1_000) {
            throw mistake("host " + name + ": ServerAliveInterval " + interval + " / ServerAliveCountMax " + count
                    + " is out of range", "give seconds between 1 and 86400 and a count between 1 and 1000");
        }
        return new SshTarget.KeepAlive(i == 0 ? d.interval() : Duration.ofSeconds(i), n == 0 ? d.countMax() : (int) n);
    }

    private static String aliveOption(String args, String key) {
        Matcher m = ALIVE_OPTION.matcher(args);
        String found = null;
        while (m.find()) {
            if (found == null && m.group(1).equalsIgnoreCase(key)) {
                found = m.group(2); // as in ssh, the first value given wins
            }
        }
        return found;
    }

    /** The jump host of {@code t}: its own config entry, overridden by the user/port in the spec. */
    SshTarget jumpTarget(SshTarget t) {
        String spec = t.proxyJump();
        if (spec.contains(",")) {
            throw mistake("host " + t.host() + ": ProxyJump '" + spec + "' has several hops",
                    "only one jump host is supported: give the last hop, and reach it through the others in ssh config");
        }
        Matcher m = JUMP_SPEC.matcher(spec.startsWith("ssh://") ? spec.substring(6) : spec);
        if (!m.matches()) {
            throw mistake("host " + t.host() + ": ProxyJump '" + spec + "' is not understood",
                    "write it as [user@]host[:port]");
        }
        SshTarget base = resolve(m.group(2), Map.of());
        List<Path> keys = new ArrayList<>(base.identityFiles());
        keys.addAll(t.identityFiles());
        return new SshTarget(t.host() + " via jump host " + m.group(2), base.address(),
                m.group(3) != null ? port(t.host(), m.group(3)) : base.port(),
                m.group(1) != null ? m.group(1) : base.user(), keys, null, t.passphrase(), null, t.connectTimeout(),
                t.keepAlive());
    }

    static String jumpFromArgs(String args) {
        if (args == null) {
            return null;
        }
        Matcher m = JUMP_OPTION.matcher(args);
        return m.find() ? m.group(1) : null;
    }

    private Path path(String p, String address, String user) {
        String s = p.replace("%d", home.toString()).replace("%u", localUser).replace("%h", address).replace("%r", user);
        if (s.equals("~") || s.startsWith("~/")) {
            s = home + s.substring(1);
        }
        return Path.of(s);
    }

    private static int port(String host, String value) {
        long p = number(host, "port", value);
        if (p < 1 || p > 65535) {
            throw mistake("host " + host + ": port " + value + " is out of range", "use a port between 1 and 65535");
        }
        return (int) p;
    }

    private static long number(String host, String what, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw mistake("host " + host + ": " + what + " '" + value + "' is not a number", "give a whole number");
        }
    }

    private static UserInputException mistake(String summary, String suggestion) {
        return UserInputException.of(SourceSpan.NONE, summary, suggestion);
    }

    private static String str(Map<String, Object> vars, String key) {
        Object v = vars.get(key);
        return v == null || v.toString().isBlank() ? null : v.toString().strip();
    }

    private static String one(Map<String, List<String>> cfg, String key) {
        List<String> v = cfg.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
