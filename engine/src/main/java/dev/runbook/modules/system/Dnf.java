package dev.runbook.modules.system;

import static dev.runbook.modules.system.Checks.ensureValid;

import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code dnf} and {@code yum}: the same argument names and defaults, on the host's dnf
 * (or yum). {@code name: "*"} with {@code state: latest} upgrades the whole system; {@code
 * security} and {@code bugfix} limit upgrades to packages with such an advisory. Check mode lists
 * what dnf's own {@code --assumeno} transaction would do with the same options.
 */
public final class Dnf implements Module {
    private final ModuleSpec spec;

    private Dnf(String name) {
        this.spec = new ModuleSpec(name,
                "Manage packages with dnf (or yum) on the Red Hat family, with Ansible's " + name + " arguments. Check mode "
                        + "lists exactly which packages would change, from the transaction dnf --assumeno prints.",
                List.of(
                        ArgSpec.optional("name", ArgType.LIST, null,
                                "Package names (name-version works); \"*\" with state latest upgrades every installed package.")
                                .withAliases("pkg"),
                        ArgSpec.optional("state", ArgType.STRING, "present",
                                "present/installed: installed; latest: at the newest version; absent/removed: removed.")
                                .withChoices("present", "installed", "latest", "absent", "removed"),
                        ArgSpec.optional("update_cache", ArgType.BOOL, false, "Refresh the repository metadata first.")
                                .withAliases("expire-cache"),
                        ArgSpec.optional("update_only", ArgType.BOOL, false, "With state latest: only upgrade installed packages."),
                        ArgSpec.optional("security", ArgType.BOOL, false,
                                "With state latest: only upgrades that come with a security advisory (dnf --security)."),
                        ArgSpec.optional("bugfix", ArgType.BOOL, false,
                                "With state latest: only upgrades that come with a bugfix advisory (dnf --bugfix)."),
                        ArgSpec.optional("enablerepo", ArgType.LIST, null, "Repositories to enable for this transaction."),
                        ArgSpec.optional("disablerepo", ArgType.LIST, null, "Repositories to disable for this transaction."),
                        ArgSpec.optional("exclude", ArgType.LIST, null, "Packages (globs) to leave out of this transaction."),
                        ArgSpec.optional("autoremove", ArgType.BOOL, false,
                                "Remove dependencies nothing installed needs any more (dnf autoremove)."),
                        ArgSpec.optional("allowerasing", ArgType.BOOL, false, "Allow removing packages to resolve conflicts."),
                        ArgSpec.optional("nobest", ArgType.BOOL, false, "Accept a version other than the best when the best cannot be installed."),
                        ArgSpec.optional("skip_broken", ArgType.BOOL, false, "Skip packages whose dependencies cannot be met."),
                        ArgSpec.optional("disable_gpg_check", ArgType.BOOL, false, "Do not check package signatures."),
                        ArgSpec.optional("installroot", ArgType.STRING, "/", "Manage the packages of another root directory."),
                        ArgSpec.optional("conf_file", ArgType.STRING, null, "The dnf configuration file to use (--config)."),
                        ArgSpec.optional("releasever", ArgType.STRING, null, "The release version to use ($releasever)."),
                        ArgSpec.optional("disable_excludes", ArgType.STRING, null,
                                "all, main or a repository id: ignore the excludes configured there (--disableexcludes)."),
                        ArgSpec.optional("enable_plugin", ArgType.LIST, null, "Plugins to enable for this transaction."),
                        ArgSpec.optional("disable_plugin", ArgType.LIST, null, "Plugins to disable for this transaction."),
                        ArgSpec.optional("cacheonly", ArgType.BOOL, false, "Use only the cached metadata (--cacheonly)."),
                        ArgSpec.optional("install_weak_deps", ArgType.BOOL, true, "Install weak dependencies (Recommends)."),
                        ArgSpec.optional("sslverify", ArgType.BOOL, true, "Check the repositories' TLS certificates."),
                        ArgSpec.optional("validate_certs", ArgType.BOOL, true, "Accepted for Ansible roles; see sslverify."),
                        ArgSpec.optional("lock_timeout", ArgType.DURATION, 30,
                                "Accepted for Ansible roles: dnf and yum wait for the rpm lock by themselves."),
                        ArgSpec.optional("install_repoquery", ArgType.BOOL, true, "Accepted for Ansible roles; no effect (as in Ansible)."),
                        ArgSpec.optional("use_backend", ArgType.STRING, "auto", "Accepted for Ansible roles: the host's dnf or yum is used."),
                        ArgSpec.optional("download_only", ArgType.BOOL, false, "Not supported: download without installing."),
                        ArgSpec.optional("download_dir", ArgType.STRING, null, "Not supported (goes with download_only)."),
                        ArgSpec.optional("allow_downgrade", ArgType.BOOL, false, "Not supported: installing an older version."),
                        ArgSpec.optional("list", ArgType.STRING, null, "Not supported: use command: dnf list ... for queries.")),
                false, """
                %s:
                  name: "*"
                  state: latest
                  security: true
                  update_cache: true
                """.formatted(name));
    }

    public static Dnf dnf() {
        return new Dnf("dnf");
    }

    public static Dnf yum() {
        return new Dnf("yum");
    }

    @Override
    public ModuleSpec spec() {
        return spec;
    }

    @Override
    public List<String> validate(Args args) {
        List<String> problems = new ArrayList<>();
        if (Package.names(args).isEmpty() && !args.bool("update_cache") && !args.bool("autoremove")) {
            problems.add(name() + " needs name, autoremove or update_cache");
        }
        for (String unsupported : List.of("download_only", "allow_downgrade")) {
            if (args.bool(unsupported)) {
                problems.add(unsupported + " is not supported by runbook's " + name());
            }
        }
        for (String unsupported : List.of("download_dir", "list")) {
            if (args.has(unsupported)) {
                problems.add(unsupported + " is not supported by runbook's " + name()
                        + (unsupported.equals("list") ? "; query with command: dnf list ..." : ""));
            }
        }
        if (Package.names(args).contains("*") && !args.string("state").equals("latest")) {
            problems.add("name \"*\" means every installed package and only goes with state: latest");
        }
        return problems;
    }

    private static DnfBackend backend(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String mgr = String.valueOf(ctx.facts().getOrDefault("pkg_mgr", "unknown"));
        if (!mgr.equals("dnf") && !mgr.equals("yum")) {
            throw new ModuleException("dnf and yum manage Red Hat family packages; " + ctx.host() + " uses '" + mgr
                    + "' (use apt, or package, which picks the host's manager)");
        }
        List<String> options = new ArrayList<>();
        args.strings("enablerepo").forEach(r -> options.add("--enablerepo=" + r));
        args.strings("disablerepo").forEach(r -> options.add("--disablerepo=" + r));
        args.strings("exclude").forEach(r -> options.add("--exclude=" + r));
        flag(args, options, "allowerasing", "--allowerasing");
        flag(args, options, "nobest", "--nobest");
        flag(args, options, "skip_broken", "--skip-broken");
        flag(args, options, "disable_gpg_check", "--nogpgcheck");
        flag(args, options, "cacheonly", "--cacheonly");
        if (args.has("conf_file")) {
            options.add("--config=" + args.string("conf_file"));
        }
        if (args.has("releasever")) {
            options.add("--releasever=" + args.string("releasever"));
        }
        if (args.has("disable_excludes")) {
            options.add("--disableexcludes=" + args.string("disable_excludes"));
        }
        args.strings("enable_plugin").forEach(p -> options.add("--enableplugin=" + p));
        args.strings("disable_plugin").forEach(p -> options.add("--disableplugin=" + p));
        if (!args.bool("install_weak_deps")) {
            options.add("--setopt=install_weak_deps=False");
        }
        if (!args.bool("sslverify") || !args.bool("validate_certs")) {
            options.add("--setopt=sslverify=False");
        }
        List<String> filters = new ArrayList<>();
        flag(args, filters, "security", "--security");
        flag(args, filters, "bugfix", "--bugfix");
        String root = args.string("installroot");
        return new DnfBackend(mgr, root == null || root.equals("/") ? null : root, options, filters);
    }

    private static void flag(Args args, List<String> into, String name, String option) {
        if (args.bool(name)) {
            into.add(option);
        }
    }

    /** The transactions, from the installed versions probed right now. */
    private static List<PackageBackend.Op> ops(ModuleContext ctx, DnfBackend backend, Args args)
            throws ModuleException, ConnectionException, InterruptedException {
        List<String> names = Package.names(args);
        String state = switch (args.string("state")) {
            case "installed" -> "present";
            case "removed" -> "absent";
            default -> args.string("state");
        };
        List<PackageBackend.Op> ops = new ArrayList<>();
        if (names.contains("*")) {
            ops.add(new PackageBackend.Op("upgrade-all", List.of()));
        } else if (!names.isEmpty()) {
            Map<String, String> installed = backend.installed(ctx, names);
            if (state.equals("latest") && args.bool("update_only")) {
                List<String> present = names.stream().filter(installed::containsKey).toList();
                if (!present.isEmpty()) {
                    ops.add(new PackageBackend.Op("upgrade", present));
                }
            } else {
                ops.addAll(PackageStates.ops(state, false, names, installed, backend));
            }
        }
        if (args.bool("autoremove")) {
            ops.add(new PackageBackend.Op("autoremove", List.of()));
        }
        return ops;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        DnfBackend backend = backend(ctx, args);
        boolean refresh = args.bool("update_cache");
        List<PackageChange> plan = new ArrayList<>();
        try {
            for (PackageBackend.Op op : ops(ctx, backend, args)) {
                plan.addAll(backend.simulate(ctx, op));
            }
        } catch (ModuleException e) {
            if (refresh) {
                return Change.unknown("would refresh the metadata, then see: " + e.getMessage());
            }
            throw e;
        }
        plan = PackageChange.distinct(plan);
        String then = refresh ? "would refresh the metadata, then " : "would ";
        if (plan.isEmpty()) {
            if (refresh && Package.names(args).isEmpty() && !args.bool("autoremove")) {
                return Change.of(ChangeKind.CHANGE, "would refresh the metadata");
            }
            return Change.none("nothing to change").withResult(result(false, plan, backend, ctx, refresh));
        }
        return new Change(Package.kind(plan), then + Package.describe(plan), plan.size() > Package.SHORT ? Package.listing(plan) : null,
                null, null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        DnfBackend backend = backend(ctx, args);
        boolean refreshed = args.bool("update_cache");
        if (refreshed) {
            backend.updateCache(ctx);
        }
        List<PackageChange> done = backend.executeChanging(ctx, ops(ctx, backend, args));
        boolean changed = !done.isEmpty() || refreshed && Package.names(args).isEmpty() && !args.bool("autoremove");
        String msg = done.isEmpty() ? (changed ? "refreshed the metadata" : "nothing to change") : Package.describe(done, true);
        return new ModuleResult(changed, false, msg, result(changed, done, backend, ctx, refreshed), null);
    }

    /** Ansible's {@code results} (one line per package changed) plus the lists the apt module registers too. */
    private static Map<String, Object> result(boolean changed, List<PackageChange> changes, DnfBackend backend, ModuleContext ctx,
                                              boolean refreshed) throws ConnectionException, InterruptedException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("changed", changed);
        data.put("results", changes.stream().map(c -> (c.action().equals("remove") ? "Removed: " : "Installed: ") + c.name()
                + (c.to() == null ? "" : "-" + c.to())).toList());
        data.put("cache_updated", refreshed);
        data.put("packages", changes.stream().map(PackageChange::toMap).toList());
        for (String action : List.of("install", "upgrade", "remove")) {
            data.put(action.equals("remove") ? "removed" : action.equals("install") ? "installed" : "upgraded",
                    changes.stream().filter(c -> c.action().equals(action)).map(PackageChange::name).toList());
        }
        data.put("held", backend.held(ctx));
        data.put("reboot_required", backend.rebootRequired(ctx));
        return data;
    }
}
