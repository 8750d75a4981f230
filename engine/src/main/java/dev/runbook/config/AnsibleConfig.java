package dev.runbook.config;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ansible.cfg settings runbook honours, found where Ansible finds the file: $ANSIBLE_CONFIG
 * (a file, or a directory holding ansible.cfg), ./ansible.cfg (unless the directory is
 * world-writable), ~/.ansible.cfg, /etc/ansible/ansible.cfg — the first that exists, only that
 * one. An environment variable (ANSIBLE_FORKS...) beats the file; command-line flags beat both
 * (the caller applies them). Paths in the file are relative to the file's directory, paths from
 * the environment to the working directory.
 */
public final class AnsibleConfig {
    private static final Set<String> TRUE = Set.of("y", "yes", "on", "1", "true", "t");
    private static final Set<String> FALSE = Set.of("n", "no", "off", "0", "false", "f");

    private final Path file;
    private final Map<String, Setting> settings;
    private final List<String> warnings;

    private AnsibleConfig(Path file, Map<String, Setting> settings, List<String> warnings) {
        this.file = file;
        this.settings = settings;
        this.warnings = List.copyOf(warnings);
    }

    /** No file, no environment: every setting at its default. */
    public static AnsibleConfig empty() {
        return load(Map.of(), Path.of("/nonexistent-runbook-dir"), false);
    }

    public static AnsibleConfig load(Map<String, String> env, Path workDir) {
        return load(env, workDir, true);
    }

    private static AnsibleConfig load(Map<String, String> env, Path workDir, boolean system) {
        List<String> warnings = new ArrayList<>();
        Path file = find(env, workDir, system, warnings);
        CfgFile cfg = null;
        if (file != null) {
            try {
                cfg = CfgFile.parse(Files.readString(file), file.toString());
            } catch (IOException e) {
                throw UserInputException.of(SourceSpan.of(file.toString(), 0, 0), "cannot read ansible.cfg: " + e.getMessage(), "");
            }
        }
        Map<String, Setting> out = new LinkedHashMap<>();
        for (SettingDef d : SettingDef.ALL) {
            out.put(d.name(), setting(d, cfg, file, env, workDir));
        }
        return new AnsibleConfig(file, out, warnings);
    }

    private static Path find(Map<String, String> env, Path workDir, boolean system, List<String> warnings) {
        List<Path> candidates = new ArrayList<>();
        String fromEnv = env.get("ANSIBLE_CONFIG");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            Path p = workDir.resolve(expandHome(fromEnv, env));
            candidates.add(Files.isDirectory(p) ? p.resolve("ansible.cfg") : p);
        }
        Path local = workDir.resolve("ansible.cfg");
        if (Files.isRegularFile(local) && worldWritable(workDir)) {
            warnings.add("ignoring " + local + ": the directory is world-writable, so anyone could have put it there");
        } else {
            candidates.add(local);
        }
        String home = env.get("HOME");
        if (home != null && !home.isEmpty()) {
            candidates.add(Path.of(home, ".ansible.cfg"));
        }
        if (system) {
            candidates.add(Path.of("/etc/ansible/ansible.cfg"));
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }

    private static boolean worldWritable(Path dir) {
        try {
            return Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static Setting setting(SettingDef d, CfgFile cfg, Path file, Map<String, String> env, Path workDir) {
        String fromEnv = env.get(d.env());
        if (fromEnv != null && !fromEnv.isEmpty()) {
            SourceSpan at = SourceSpan.of("environment variable " + d.env(), 0, 0);
            return new Setting(d.name(), typed(d, fromEnv, workDir, env, at), "env " + d.env(), d.meaning());
        }
        CfgFile.Entry e = cfg == null ? null : cfg.get(d.section(), d.name());
        if (e != null && !e.value().isEmpty()) {
            return new Setting(d.name(), typed(d, e.value(), file.toAbsolutePath().getParent(), env, e.at()),
                    e.at().file() + ":" + e.at().line(), d.meaning());
        }
        return new Setting(d.name(), null, "default", d.meaning());
    }

    private static String typed(SettingDef d, String value, Path base, Map<String, String> env, SourceSpan at) {
        String v = value.strip();
        return switch (d.kind()) {
            case STRING -> v;
            case PATH -> base.resolve(expandHome(v, env)).normalize().toString();
            case PATH_LIST -> String.join(",", split(v, ",").stream()
                    .map(p -> base.resolve(expandHome(p, env)).normalize().toString()).toList());
            case PATH_SPEC -> String.join(":", split(v, ":").stream()
                    .map(p -> base.resolve(expandHome(p, env)).normalize().toString()).toList());
            case BOOL -> String.valueOf(bool(d, v, at));
            case INT -> {
                try {
                    yield String.valueOf(Integer.parseInt(v));
                } catch (NumberFormatException ex) {
                    throw UserInputException.of(at, d.name() + " must be a whole number, not '" + v + "'", "");
                }
            }
        };
    }

    private static boolean bool(SettingDef d, String v, SourceSpan at) {
        String l = v.toLowerCase(Locale.ROOT);
        if (TRUE.contains(l)) {
            return true;
        }
        if (FALSE.contains(l)) {
            return false;
        }
        throw UserInputException.of(at, d.name() + " must be true or false, not '" + v + "'", "write True or False");
    }

    private static List<String> split(String v, String sep) {
        List<String> out = new ArrayList<>();
        for (String part : v.split(sep)) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    private static String expandHome(String p, Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        if (p.equals("~")) {
            return home;
        }
        return p.startsWith("~/") ? home + p.substring(1) : p;
    }

    /** The file read, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The effective value, or null when not set. */
    public String value(String name) {
        return settings.get(SettingDef.named(name).name()).value();
    }

    public Setting setting(String name) {
        return settings.get(SettingDef.named(name).name());
    }

    public List<Setting> all() {
        return List.copyOf(settings.values());
    }

    public Integer integer(String name) {
        String v = value(name);
        return v == null ? null : Integer.valueOf(v);
    }

    public Boolean bool(String name) {
        String v = value(name);
        return v == null ? null : Boolean.valueOf(v);
    }

    public List<String> warnings() {
        return warnings;
    }
}
