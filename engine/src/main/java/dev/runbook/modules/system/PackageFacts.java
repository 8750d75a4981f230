package dev.runbook.modules.system;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Footprint;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import dev.runbook.modules.Resource;
import dev.runbook.modules.core.SetFact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Ansible's package_facts: the installed packages as {@code ansible_facts.packages}, a map from
 * name to a list of {name, version, arch, source, ...} (a list, since several versions or
 * architectures can be installed), read from dpkg's or rpm's database. Read-only, so plans know it.
 */
public final class PackageFacts implements Module {
    private static final List<String> MANAGERS = List.of("auto", "apt", "rpm");
    private static final ModuleSpec SPEC = new ModuleSpec("package_facts",
            "Read the installed packages into `ansible_facts.packages` (name -> list of {name, version, arch, source, ...}), "
                    + "as Ansible's ansible.builtin.package_facts, from dpkg (apt) or rpm. Read-only.",
            List.of(ArgSpec.optional("manager", ArgType.LIST, List.of("auto"), "Which database: auto (every one found, "
                            + "see strategy), apt (dpkg's) or rpm."),
                    ArgSpec.optional("strategy", ArgType.STRING, "first", "With several managers: first (the first one that "
                            + "works) or all (merge them).").withChoices("first", "all"),
                    ArgSpec.optional("root", ArgType.STRING, null, "runbook extension: read the database of another root "
                            + "directory (a chroot).")),
            false, """
            package_facts:
              manager: auto
            """);

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public boolean isReadOnly(Map<String, Object> args) {
        return true;
    }

    @Override
    public Footprint footprint(Args args) {
        String root = args.has("root") ? args.string("root").replaceAll("/+$", "") : "";
        return Footprint.readsOnly(Resource.path(root + "/var/lib/dpkg"), Resource.path(root + "/var/lib/rpm"),
                Resource.named("package", "*"));
    }

    @Override
    public Set<String> factNames(Map<String, Object> args) {
        return Set.of("packages");
    }

    @Override
    public List<String> validate(Args args) {
        for (String m : args.strings("manager")) {
            if (!MANAGERS.contains(m)) {
                return List.of("manager '" + m + "' is not supported: use auto, apt or rpm");
            }
        }
        return List.of();
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ModuleResult r = apply(ctx, args);
        return new Change(ChangeKind.NONE, r.msg(), null, r.data(), null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        List<String> problems = validate(args);
        if (!problems.isEmpty()) {
            throw new ModuleException(problems.get(0));
        }
        String root = args.has("root") ? args.string("root").replaceAll("/+$", "") : null;
        List<String> wanted = args.strings("manager").contains("auto") ? List.of("apt", "rpm") : args.strings("manager");
        boolean auto = args.strings("manager").contains("auto");
        Map<String, List<Map<String, Object>>> packages = new TreeMap<>();
        List<String> used = new ArrayList<>();
        for (String m : wanted) {
            List<Map<String, Object>> found = m.equals("apt") ? dpkg(ctx, root, auto) : rpm(ctx, root, auto);
            if (found == null) {
                continue;
            }
            used.add(m);
            for (Map<String, Object> p : found) {
                packages.computeIfAbsent(String.valueOf(p.get("name")), n -> new ArrayList<>()).add(p);
            }
            if ("first".equals(args.string("strategy")) && !found.isEmpty()) {
                break;
            }
        }
        if (used.isEmpty()) {
            throw new ModuleException("Could not detect a supported package manager from the following list: "
                    + wanted + ", or the required Python library is not installed. Check warnings for details.");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("packages", packages);
        int n = packages.values().stream().mapToInt(List::size).sum();
        return new ModuleResult(false, false, n + " packages from " + String.join(", ", used), Map.of(SetFact.FACTS, facts), null);
    }

    /** Installed packages in dpkg's database; null when there is none (and it was not asked for by name). */
    private static List<Map<String, Object>> dpkg(ModuleContext ctx, String root, boolean optional)
            throws ModuleException, ConnectionException, InterruptedException {
        String admin = root == null ? "" : " --admindir=" + ShellQuote.quote(root + "/var/lib/dpkg");
        String script = "command -v dpkg-query >/dev/null || exit 127\n"
                + "dpkg-query" + admin + " -W -f='${db:Status-Abbrev}\\t${Package}\\t${Version}\\t${Architecture}\\t${Section}\\n'";
        String out = query(ctx, script, "apt", optional);
        if (out == null) {
            return null;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 5 || !f[0].startsWith("ii")) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", f[1]);
            p.put("version", f[2]);
            p.put("arch", f[3]);
            p.put("category", f[4]);
            p.put("source", "apt");
            list.add(p);
        }
        return list;
    }

    private static List<Map<String, Object>> rpm(ModuleContext ctx, String root, boolean optional)
            throws ModuleException, ConnectionException, InterruptedException {
        String r = root == null ? "" : " --root " + ShellQuote.quote(root);
        String script = "command -v rpm >/dev/null || exit 127\n"
                + "rpm" + r + " -qa --qf '%{NAME}\\t%{VERSION}\\t%{RELEASE}\\t%{EPOCH}\\t%{ARCH}\\n'";
        String out = query(ctx, script, "rpm", optional);
        if (out == null) {
            return null;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 5) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", f[0]);
            p.put("version", f[1]);
            p.put("release", f[2]);
            p.put("epoch", f[3].equals("(none)") ? null : Integer.valueOf(f[3]));
            p.put("arch", f[4]);
            p.put("source", "rpm");
            list.add(p);
        }
        return list;
    }

    private static String query(ModuleContext ctx, String script, String manager, boolean optional)
            throws ModuleException, ConnectionException, InterruptedException {
        CommandResult res = ctx.run(CommandRequest.readOnly(new Command.Shell(script)));
        if (res.exitCode() == 127) {
            if (optional) {
                return null;
            }
            throw new ModuleException("package manager " + manager + " is not installed on " + ctx.host());
        }
        if (!res.ok()) {
            throw new ModuleException("could not list the " + manager + " packages on " + ctx.host() + ": " + res.stderr().strip());
        }
        return res.stdout();
    }
}
