package dev.runbook.modules.system;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * dnf or yum (same commands, same transaction table) and rpm. Both wait for the rpm lock by
 * themselves, and refresh expired metadata on their own schedule (metadata_expire) unless
 * update_cache asks for it now.
 *
 * @param tool "dnf" or "yum"
 */
record DnfBackend(String tool, String root, List<String> options, List<String> upgradeFilters) implements PackageBackend {

    DnfBackend {
        options = List.copyOf(options);
        upgradeFilters = List.copyOf(upgradeFilters);
    }

    DnfBackend(String tool, String root) {
        this(tool, root, List.of(), List.of());
    }

    private List<String> base() {
        List<String> argv = new ArrayList<>(List.of(tool));
        if (root != null) {
            argv.add("--installroot=" + root);
        }
        argv.addAll(options);
        return argv;
    }

    /** The verb with the advisory filters (--security, --bugfix) that apply to upgrades. */
    private List<String> verbWithFilters(Op op) {
        List<String> v = new ArrayList<>(verb(op));
        if (op.verb().equals("upgrade") || op.verb().equals("upgrade-all")) {
            v.addAll(upgradeFilters);
        }
        return v;
    }

    @Override
    public Map<String, String> installed(ModuleContext ctx, List<String> names) throws ConnectionException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("rpm", "-q"));
        if (root != null) {
            argv.addAll(List.of("--root", root));
        }
        argv.addAll(List.of("--qf", "%{NAME}\\t%{VERSION}-%{RELEASE}\\n"));
        argv.addAll(names);
        return PackageOutput.installed(PackageBackend.run(ctx, true, List.of(), argv).stdout());
    }

    @Override
    public List<Op> latest(List<String> names, Map<String, String> installed) {
        // dnf install leaves an installed package alone; dnf upgrade refuses a missing one
        List<String> missing = names.stream().filter(n -> !installed.containsKey(n)).toList();
        List<String> present = names.stream().filter(installed::containsKey).toList();
        List<Op> ops = new ArrayList<>();
        if (!missing.isEmpty()) {
            ops.add(new Op("install", missing));
        }
        if (!present.isEmpty()) {
            ops.add(new Op("upgrade", present));
        }
        return ops;
    }

    private List<String> verb(Op op) {
        return switch (op.verb()) {
            case "upgrade-all" -> List.of("upgrade");
            case "dist-upgrade" -> List.of("distro-sync");
            case "purge" -> List.of("remove");
            case "autoremove", "autoremove-purge" -> List.of("autoremove");
            default -> List.of(op.verb());
        };
    }

    @Override
    public List<PackageChange> simulate(ModuleContext ctx, Op op) throws ModuleException, ConnectionException, InterruptedException {
        List<String> argv = base();
        argv.add("--assumeno");
        argv.addAll(verbWithFilters(op));
        argv.addAll(op.names());
        CommandResult r = PackageBackend.run(ctx, true, List.of(), argv);
        // --assumeno answers "no", so a real transaction exits 1 as well: only an "Error" line is a failure
        String error = (r.stdout() + "\n" + r.stderr()).lines().filter(l -> l.startsWith("Error")).findFirst().orElse(null);
        if (error != null || r.exitCode() > 1) {
            throw new ModuleException(tool + " cannot " + op.verb() + " " + String.join(" ", op.names()) + ": "
                    + (error != null ? error : PackageBackend.errorOf(r, "Error")));
        }
        // the table names no installed versions: ask rpm for those of the packages it lists
        List<String> listed = PackageOutput.dnf(r.stdout(), Map.of()).stream().map(PackageChange::name).distinct().toList();
        Map<String, String> installed = listed.isEmpty() ? Map.of() : installed(ctx, listed);
        return PackageOutput.dnf(r.stdout(), installed);
    }

    @Override
    public void execute(ModuleContext ctx, Op op) throws ModuleException, ConnectionException, InterruptedException {
        List<String> argv = base();
        argv.add("-y");
        argv.addAll(verbWithFilters(op));
        argv.addAll(op.names());
        CommandResult r = PackageBackend.run(ctx, false, List.of(), argv);
        if (r.exitCode() != 0) {
            throw new ModuleException(String.join(" ", argv) + " failed: " + PackageBackend.errorOf(r, "Error"));
        }
    }

    @Override
    public boolean cacheFresh(ModuleContext ctx, Duration validFor) {
        return false; // update_cache asks for fresh metadata now; cache_valid_time is apt's
    }

    @Override
    public void updateCache(ModuleContext ctx) throws ModuleException, ConnectionException, InterruptedException {
        // dnf: --refresh marks the metadata expired; yum 3 knows no --refresh, so expire it first
        List<List<String>> steps = tool.equals("dnf") ? List.of(List.of("makecache", "--refresh"))
                : List.of(List.of("clean", "expire-cache"), List.of("makecache"));
        for (List<String> step : steps) {
            List<String> argv = base();
            argv.addAll(step);
            CommandResult r = PackageBackend.run(ctx, false, List.of(), argv);
            if (r.exitCode() != 0) {
                throw new ModuleException(String.join(" ", argv) + " failed: " + PackageBackend.errorOf(r, "Error"));
            }
        }
    }

    /** Packages locked by the versionlock plugin (upgrades leave them alone); empty without the plugin. */
    List<String> held(ModuleContext ctx) throws ConnectionException, InterruptedException {
        List<String> argv = base();
        argv.addAll(List.of("-q", "versionlock", "list"));
        CommandResult r = PackageBackend.run(ctx, true, List.of(), argv);
        return r.exitCode() != 0 ? List.of() : PackageOutput.versionlocks(r.stdout());
    }

    @Override
    public boolean rebootRequired(ModuleContext ctx) throws ConnectionException, InterruptedException {
        // needs-restarting -r: exit 1 = reboot needed, 0 = not; missing tool (127) = cannot tell, so no
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(
                "command -v needs-restarting >/dev/null 2>&1 || exit 0; needs-restarting -r >/dev/null 2>&1")));
        return r.exitCode() == 1;
    }
}
