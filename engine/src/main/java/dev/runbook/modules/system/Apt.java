package dev.runbook.modules.system;

import static dev.runbook.modules.system.Checks.ensureValid;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code apt}: the same argument names, defaults and registered keys, on apt-get and
 * dpkg. Check mode lists exactly what apt-get's own simulation would do with the same options;
 * apply simulates again and runs only the transactions that are not empty. Plus one argument
 * Ansible lacks, {@code origins}: take new versions only from some releases (security updates).
 */
public final class Apt implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("apt",
            "Manage packages with apt-get on Debian and Ubuntu, with Ansible's apt arguments and results. Check mode "
                    + "lists exactly which packages would change, from apt-get's own simulation with the same options.",
            List.of(
                    ArgSpec.optional("name", ArgType.LIST, null,
                            "A package name or a list of them (comma-separated also works); name=version pins a version.")
                            .withAliases("package", "pkg"),
                    ArgSpec.optional("state", ArgType.STRING, "present",
                            "present: installed (any version); latest: installed at the candidate version; absent: removed.")
                            .withChoices("present", "latest", "absent", "build-dep", "fixed"),
                    ArgSpec.optional("update_cache", ArgType.BOOL, false, "Run apt-get update first.")
                            .withAliases("update-cache"),
                    ArgSpec.optional("cache_valid_time", ArgType.DURATION, 0,
                            "Skip the update when the lists are younger than this (seconds, or 30m, 1h); setting it implies update_cache."),
                    ArgSpec.optional("deb", ArgType.STRING, null,
                            "Path to a .deb file on the target, or an http(s) URL downloaded there first; installed with "
                                    + "its dependencies unless that version is installed."),
                    ArgSpec.optional("install_recommends", ArgType.BOOL, null,
                            "true / false: install recommended packages or not; unset keeps apt's configuration.")
                            .withAliases("install-recommends"),
                    ArgSpec.optional("upgrade", ArgType.STRING, "no",
                            "Upgrade the system: no; yes or safe (apt-get upgrade --with-new-pkgs); full or dist (apt-get dist-upgrade)."),
                    ArgSpec.optional("only_upgrade", ArgType.BOOL, false,
                            "Only upgrade packages that are installed; never install the named ones."),
                    ArgSpec.optional("autoremove", ArgType.BOOL, false,
                            "Remove dependencies that nothing installed needs any more (apt-get autoremove)."),
                    ArgSpec.optional("purge", ArgType.BOOL, false, "With state absent or autoremove: remove configuration files too."),
                    ArgSpec.optional("default_release", ArgType.STRING, null, "apt-get -t: the release candidates come from.")
                            .withAliases("default-release"),
                    ArgSpec.optional("origins", ArgType.LIST, null,
                            "runbook extension: take new versions only from releases matching one of these apt pin expressions "
                                    + "(a=*-security, o=Debian,l=Debian-Security, origin HOST), as unattended-upgrades does; "
                                    + "packages whose new version is elsewhere stay as they are."),
                    ArgSpec.optional("dpkg_options", ArgType.STRING, "force-confdef,force-confold",
                            "Comma-separated dpkg options for the real transaction."),
                    ArgSpec.optional("allow_downgrade", ArgType.BOOL, false, "Allow installing an older version (name=version).")
                            .withAliases("allow-downgrade", "allow_downgrades", "allow-downgrades"),
                    ArgSpec.optional("allow_unauthenticated", ArgType.BOOL, false, "Allow packages that cannot be authenticated.")
                            .withAliases("allow-unauthenticated"),
                    ArgSpec.optional("allow_change_held_packages", ArgType.BOOL, false,
                            "Allow a named package that is held (apt-mark hold) to change; upgrades always leave held packages alone."),
                    ArgSpec.optional("lock_timeout", ArgType.DURATION, 60,
                            "How long to wait for another apt/dpkg process to release the lock before failing."),
                    ArgSpec.optional("update_cache_retries", ArgType.INT, 5, "How many times to try apt-get update before failing."),
                    ArgSpec.optional("update_cache_retry_max_delay", ArgType.DURATION, 12,
                            "The longest pause between those tries (1 s, doubling up to this)."),
                    ArgSpec.optional("fail_on_autoremove", ArgType.BOOL, false,
                            "apt-get --no-remove: fail rather than remove any package."),
                    ArgSpec.optional("force", ArgType.BOOL, false, "Implies allow_unauthenticated and allow_downgrade (Ansible's deprecated force)."),
                    ArgSpec.optional("clean", ArgType.BOOL, false,
                            "apt-get clean: empty the downloaded package cache (housekeeping, not reported as a change)."),
                    ArgSpec.optional("autoclean", ArgType.BOOL, false,
                            "apt-get autoclean: drop downloaded packages that can no longer be downloaded (housekeeping, not a change)."),
                    ArgSpec.optional("force_apt_get", ArgType.BOOL, false, "Accepted for Ansible roles: runbook always uses apt-get."),
                    ArgSpec.optional("policy_rc_d", ArgType.INT, null,
                            "Not supported: maintainer scripts start services as the host's policy-rc.d says.")),
            false, """
            apt:
              name: [nginx, php8.2-fpm]
              state: latest
              update_cache: true
              cache_valid_time: 3600
            """);

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        List<String> problems = new ArrayList<>();
        if (AptRequest.upgradeMode(args.string("upgrade")) == null) {
            problems.add("upgrade must be one of no, yes, safe, full, dist, not '" + args.string("upgrade") + "'");
        }
        if (Package.names(args).isEmpty() && !args.has("deb") && "no".equals(AptRequest.upgradeMode(args.string("upgrade")))
                && !refresh(args) && !args.bool("autoremove") && !args.bool("clean") && !args.bool("autoclean")
                && !args.string("state").equals("fixed")) {
            problems.add("apt needs name, deb, upgrade, autoremove, clean, autoclean or update_cache");
        }
        if (args.has("policy_rc_d")) {
            problems.add("policy_rc_d is not supported: remove it, or manage /usr/sbin/policy-rc.d with copy and file tasks around this one");
        }
        if (args.has("deb") && args.string("state").equals("absent")) {
            problems.add("deb installs a package file; to remove it, give its name with state: absent");
        }
        problems.addAll(AptOptions.problems(args.strings("origins")));
        return problems;
    }

    static boolean refresh(Args args) {
        return args.bool("update_cache") || args.has("cache_valid_time") && !args.duration("cache_valid_time").isZero();
    }

    static AptBackend backend(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String mgr = String.valueOf(ctx.facts().getOrDefault("pkg_mgr", "unknown"));
        if (!mgr.equals("apt")) {
            throw new ModuleException("apt manages Debian and Ubuntu packages; " + ctx.host() + " uses '" + mgr
                    + "' (use dnf, or package, which picks the host's manager)");
        }
        Boolean recommends = args.has("install_recommends") ? args.bool("install_recommends") : null;
        List<String> allow = new ArrayList<>();
        if (args.bool("allow_downgrade") || args.bool("force")) {
            allow.add("downgrades");
        }
        if (args.bool("allow_unauthenticated") || args.bool("force")) {
            allow.add("unauthenticated");
        }
        if (args.bool("allow_change_held_packages")) {
            allow.add("change-held-packages");
        }
        List<String> dpkg = Arrays.stream(args.string("dpkg_options").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        AptOptions options = new AptOptions(recommends, args.string("default_release"), args.strings("origins"), dpkg, allow,
                args.bool("fail_on_autoremove"));
        return new AptBackend(null, args.duration("lock_timeout"), options);
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        AptBackend backend = backend(ctx, args);
        AptRequest request = AptRequest.of(args);
        boolean refresh = refresh(args) && !backend.cacheFresh(ctx, args.duration("cache_valid_time"));
        String then = refresh ? "would refresh the package lists, then " : "would ";
        if (request.downloadsDeb()) {
            return Change.unknown(then + "download " + request.deb() + " and install it unless that version is installed");
        }
        if (request.deb() != null && ctx.run(CommandRequest.readOnly(Command.Argv.of("test", "-f", DebFile.path(request.deb())))).exitCode() != 0) {
            // an earlier task (get_url, copy) may well put it there
            return Change.unknown(then + "install the package in " + request.deb() + ", which is not there yet");
        }
        List<PackageChange> plan = new ArrayList<>();
        try {
            for (PackageBackend.Op op : request.ops(ctx, backend, DebFile.path(request.deb()))) {
                plan.addAll(backend.simulate(ctx, op));
            }
        } catch (ModuleException e) {
            if (refresh) {
                return Change.unknown(then + "see: " + e.getMessage()); // the refreshed lists may know the package
            }
            throw e;
        }
        plan = PackageChange.distinct(plan);
        if (plan.isEmpty()) {
            if (refresh && request.refreshOnly()) {
                return Change.of(ChangeKind.CHANGE, "would refresh the package lists");
            }
            // a refresh alone is not a change unless it was all that was asked for (as apply reports it)
            return Change.none(refresh ? "nothing to change with the current lists (they would be refreshed first)" : "nothing to change")
                    .withResult(result(false, plan, false, backend, ctx, null));
        }
        String summary = then + Package.describe(plan);
        return new Change(Package.kind(plan), summary, plan.size() > Package.SHORT ? Package.listing(plan) : null, null, null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        ensureValid(this, args);
        AptBackend backend = backend(ctx, args);
        AptRequest request = AptRequest.of(args);
        boolean refreshed = false;
        if (refresh(args) && !backend.cacheFresh(ctx, args.duration("cache_valid_time"))) {
            updateCache(ctx, backend, args);
            refreshed = true;
        }
        for (String housekeeping : List.of("clean", "autoclean")) {
            if (args.bool(housekeeping)) {
                backend.housekeeping(ctx, housekeeping);
            }
        }
        String downloaded = request.downloadsDeb() ? DebFile.download(ctx, request.deb()) : null;
        List<PackageChange> done = new ArrayList<>();
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        try {
            for (PackageBackend.Op op : request.ops(ctx, backend, downloaded != null ? downloaded : DebFile.path(request.deb()))) {
                List<PackageChange> changes = backend.simulate(ctx, op);
                if (!changes.isEmpty()) {
                    CommandResult r = backend.run(ctx, op);
                    stdout.append(r.stdout());
                    stderr.append(r.stderr());
                    done.addAll(changes);
                }
            }
        } finally {
            if (downloaded != null) {
                ctx.run(CommandRequest.of(Command.Argv.of("rm", "-rf", downloaded.substring(0, downloaded.lastIndexOf('/')))));
            }
        }
        done = PackageChange.distinct(done);
        boolean changed = !done.isEmpty() || refreshed && request.refreshOnly();
        String msg = done.isEmpty() ? (refreshed ? "refreshed the package lists" : "nothing to change") : Package.describe(done, true);
        Map<String, Object> data = result(changed, done, refreshed, backend, ctx, stdout);
        data.put("stderr", stderr.toString());
        return new ModuleResult(changed, false, msg, data, null);
    }

    /** apt-get update, tried update_cache_retries times with a pause doubling from 1 s up to the max delay. */
    private static void updateCache(ModuleContext ctx, AptBackend backend, Args args)
            throws ModuleException, ConnectionException, InterruptedException {
        long tries = Math.max(1, args.integer("update_cache_retries"));
        long pause = 1000;
        for (int i = 1; ; i++) {
            try {
                backend.updateCache(ctx);
                return;
            } catch (ModuleException e) {
                if (i >= tries) {
                    throw new ModuleException(e.getMessage() + (tries > 1 ? " (tried " + tries + " times)" : ""));
                }
            }
            Thread.sleep(Math.min(pause, args.duration("update_cache_retry_max_delay").toMillis()));
            pause *= 2;
        }
    }

    /** Ansible's keys (cache_updated, cache_update_time, stdout) plus what was changed and held. */
    private static Map<String, Object> result(boolean changed, List<PackageChange> changes, boolean refreshed, AptBackend backend,
                                              ModuleContext ctx, CharSequence stdout) throws ConnectionException, InterruptedException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("changed", changed);
        data.put("cache_updated", refreshed);
        data.put("cache_update_time", backend.cacheUpdateTime(ctx));
        if (stdout != null) {
            data.put("stdout", stdout.toString());
        }
        data.put("packages", changes.stream().map(PackageChange::toMap).toList());
        data.put("installed", names(changes, "install"));
        data.put("upgraded", names(changes, "upgrade"));
        data.put("removed", names(changes, "remove"));
        data.put("held", backend.held(ctx));
        data.put("reboot_required", backend.rebootRequired(ctx));
        return data;
    }

    private static List<String> names(List<PackageChange> changes, String action) {
        return changes.stream().filter(c -> c.action().equals(action)).map(PackageChange::name).toList();
    }
}
