package dev.runbook.modules.system;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
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
 * Installs, upgrades and removes packages with the target's package manager (apt, dnf or yum,
 * from the host's facts). Check mode runs the manager's own dry run and lists exactly which
 * packages would be installed, upgraded or removed; apply runs that dry run again, and only
 * when it is not empty the real transaction.
 */
public final class Package implements Module {
    /** Up to this many packages are named with their versions in the one-line summary. */
    static final int SHORT = 8;
    private static final ModuleSpec SPEC = new ModuleSpec("package",
            "Install, upgrade or remove packages with apt, dnf or yum (chosen from the host's facts). Check mode "
                    + "lists exactly which packages would change, from the package manager's own simulation.",
            List.of(
                    ArgSpec.optional("name", ArgType.LIST, null, "A package name or a list of them; apt accepts name=version.")
                            .withAliases("pkg", "names"),
                    ArgSpec.optional("state", ArgType.STRING, "present",
                            "present: installed (any version); latest: installed at the newest version; absent: removed.")
                            .withChoices("present", "latest", "absent"),
                    ArgSpec.optional("upgrade", ArgType.STRING, "none",
                            "Upgrade the whole system: all (apt-get upgrade / dnf upgrade) or dist (apt-get dist-upgrade / "
                                    + "dnf distro-sync).").withChoices("none", "all", "dist"),
                    ArgSpec.optional("purge", ArgType.BOOL, false, "With state absent on apt: also remove configuration files."),
                    ArgSpec.optional("update_cache", ArgType.BOOL, false, "Refresh the package lists first (apt-get update / dnf makecache)."),
                    ArgSpec.optional("cache_valid_time", ArgType.DURATION, 0,
                            "apt: skip the refresh when the lists are younger than this."),
                    ArgSpec.optional("lock_timeout", ArgType.DURATION, 300,
                            "apt: how long to wait for another process holding the dpkg lock before failing."),
                    ArgSpec.optional("root", ArgType.STRING, null,
                            "Manage the package database of another root directory (a chroot) instead of the host's.")),
            false, """
            package:
              name: [nginx, php-fpm]
              state: present
              update_cache: true
              cache_valid_time: 1h
            """);

    @Override
    public Footprint footprint(Args args) {
        List<Resource> names = new ArrayList<>();
        if (args.has("name")) {
            args.strings("name").forEach(n -> names.add(Resource.named("package", n)));
        }
        return names.isEmpty() ? Footprint.UNDECLARED : Footprint.on(names);
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        List<String> problems = new ArrayList<>();
        if (names(args).isEmpty() && args.string("upgrade").equals("none") && !args.bool("update_cache")) {
            problems.add("package needs name (the packages to manage), upgrade or update_cache");
        }
        if (args.has("cache_valid_time") && !args.duration("cache_valid_time").isZero() && !args.bool("update_cache")) {
            problems.add("cache_valid_time only matters with update_cache: true");
        }
        return problems;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        PackageBackend backend = backend(ctx, args);
        boolean refresh = args.bool("update_cache") && !backend.cacheFresh(ctx, args.duration("cache_valid_time"));
        List<PackageChange> plan;
        try {
            plan = plan(ctx, backend, args);
        } catch (ModuleException e) {
            if (refresh) {
                // the refreshed lists may well know the package: only the real run can tell
                return Change.unknown("would refresh the package lists, then: " + e.getMessage());
            }
            throw e;
        }
        if (plan.isEmpty()) {
            if (refresh) {
                return Change.of(ChangeKind.CHANGE, "would refresh the package lists" + (names(args).isEmpty()
                        && args.string("upgrade").equals("none") ? "" : "; nothing to change with the current lists"));
            }
            return Change.none("packages already " + args.string("state")).withResult(result(false, plan, backend.rebootRequired(ctx), false));
        }
        String summary = (refresh ? "would refresh the package lists, then " : "would ") + describe(plan);
        return new Change(kind(plan), summary, plan.size() > SHORT ? listing(plan) : null, null, null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        PackageBackend backend = backend(ctx, args);
        boolean refreshed = false;
        if (args.bool("update_cache") && !backend.cacheFresh(ctx, args.duration("cache_valid_time"))) {
            backend.updateCache(ctx);
            refreshed = true;
        }
        List<PackageChange> done = backend.executeChanging(ctx, ops(ctx, backend, args));
        boolean reboot = backend.rebootRequired(ctx);
        boolean changed = !done.isEmpty() || refreshed && names(args).isEmpty() && args.string("upgrade").equals("none");
        String msg = done.isEmpty() ? (refreshed ? "refreshed the package lists" : "packages already " + args.string("state"))
                : describe(done, true);
        return new ModuleResult(changed, false, msg, result(changed, done, reboot, refreshed), null);
    }

    private static PackageBackend backend(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String mgr = String.valueOf(ctx.facts().getOrDefault("pkg_mgr", "unknown"));
        String root = args.string("root");
        return switch (mgr) {
            case "apt" -> new AptBackend(root, args.duration("lock_timeout"));
            case "dnf", "yum" -> new DnfBackend(mgr, root);
            default -> throw new ModuleException("package supports apt, dnf and yum; " + ctx.host()
                    + " uses '" + mgr + "'. Use the command module for this host's package manager.");
        };
    }

    /** The transactions needed, from the installed versions probed right now. */
    static List<PackageBackend.Op> ops(ModuleContext ctx, PackageBackend backend, Args args)
            throws ModuleException, ConnectionException, InterruptedException {
        List<String> wanted = names(args);
        List<PackageBackend.Op> ops = new ArrayList<>();
        if (!wanted.isEmpty()) {
            Map<String, String> installed = backend.installed(ctx, wanted.stream().map(Package::bare).toList());
            ops.addAll(PackageStates.ops(args.string("state"), args.bool("purge"), wanted, installed, backend));
        }
        switch (args.string("upgrade")) {
            case "all" -> ops.add(new PackageBackend.Op("upgrade-all", List.of()));
            case "dist" -> ops.add(new PackageBackend.Op("dist-upgrade", List.of()));
            default -> { }
        }
        return ops;
    }

    private static List<PackageChange> plan(ModuleContext ctx, PackageBackend backend, Args args)
            throws ModuleException, ConnectionException, InterruptedException {
        List<PackageChange> all = new ArrayList<>();
        for (PackageBackend.Op op : ops(ctx, backend, args)) {
            all.addAll(backend.simulate(ctx, op));
        }
        return PackageChange.distinct(all);
    }

    /** The names asked for; like Ansible, one string may hold several separated by commas. */
    static List<String> names(Args args) {
        return args.strings("name").stream().flatMap(n -> java.util.Arrays.stream(n.split(",")))
                .map(String::trim).filter(n -> !n.isEmpty()).toList();
    }

    static String bare(String spec) {
        int eq = spec.indexOf('=');
        return eq > 0 ? spec.substring(0, eq) : spec;
    }

    static ChangeKind kind(List<PackageChange> plan) {
        boolean allInstall = plan.stream().allMatch(c -> c.action().equals("install"));
        boolean allRemove = plan.stream().allMatch(c -> c.action().equals("remove"));
        return allInstall ? ChangeKind.CREATE : allRemove ? ChangeKind.REMOVE : ChangeKind.CHANGE;
    }

    /** "install nginx (1.22.1), nginx-common (1.22.1); upgrade bash 5.2-1 → 5.2-2". */
    static String describe(List<PackageChange> plan) {
        return describe(plan, false);
    }

    /**
     * Every package with its versions for a few; for a long list (a system upgrade) the count and
     * the first names, the full list going to the plan's diff.
     */
    static String describe(List<PackageChange> plan, boolean past) {
        Map<String, List<PackageChange>> byAction = new LinkedHashMap<>();
        for (PackageChange c : plan) {
            String verb = past ? (c.action().endsWith("e") ? c.action() + "d" : c.action() + "ed") : c.action();
            byAction.computeIfAbsent(verb, k -> new ArrayList<>()).add(c);
        }
        List<String> parts = new ArrayList<>();
        byAction.forEach((action, items) -> parts.add(action + " " + (plan.size() <= SHORT
                ? String.join(", ", items.stream().map(PackageChange::describe).toList())
                : items.size() + " package" + (items.size() == 1 ? "" : "s") + " (" + firstNames(items) + ")")));
        return String.join("; ", parts);
    }

    private static String firstNames(List<PackageChange> items) {
        List<String> names = items.stream().limit(3).map(PackageChange::name).toList();
        return String.join(", ", names) + (items.size() > 3 ? ", ... " + (items.size() - 3) + " more" : "");
    }

    /** One line per package, marked like the plan: + install, ~ upgrade, - remove. */
    static String listing(List<PackageChange> plan) {
        StringBuilder sb = new StringBuilder();
        for (PackageChange c : plan) {
            String mark = c.action().equals("install") ? "+" : c.action().equals("remove") ? "-" : "~";
            sb.append(mark).append(' ').append(c.describe()).append('\n');
        }
        return sb.toString();
    }

    private static Map<String, Object> result(boolean changed, List<PackageChange> changes, boolean reboot, boolean refreshed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("changed", changed);
        data.put("packages", changes.stream().map(PackageChange::toMap).toList());
        for (String action : List.of("install", "upgrade", "remove")) {
            data.put(action.equals("remove") ? "removed" : action.equals("install") ? "installed" : "upgraded",
                    changes.stream().filter(c -> c.action().equals(action)).map(PackageChange::name).toList());
        }
        data.put("reboot_required", reboot);
        data.put("cache_updated", refreshed);
        return data;
    }
}
