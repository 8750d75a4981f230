package dev.runbook.modules.system;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * apt-get and dpkg. With {@code root} every path apt and dpkg use (sources, lists, status,
 * archives, lock) lives under that directory, so a whole Debian package database other than the
 * host's can be managed (a chroot being built, or a test).
 */
record AptBackend(String root, Duration lockTimeout) implements PackageBackend {
    private static final List<String> NONINTERACTIVE = List.of("DEBIAN_FRONTEND=noninteractive", "NEEDRESTART_MODE=a");

    private String under(String path) {
        return root == null ? path : root.replaceAll("/+$", "") + path;
    }

    /** apt-get plus the options that move everything under root and wait for the dpkg lock. */
    private List<String> aptGet() {
        List<String> argv = new ArrayList<>(List.of("apt-get", "-q"));
        if (root != null) {
            String admin = under("/var/lib/dpkg");
            argv.addAll(List.of("-o", "Dir=" + root, "-o", "Dir::State::status=" + admin + "/status",
                    "-o", "DPkg::Options::=--root=" + root, "-o", "DPkg::Options::=--admindir=" + admin));
        }
        argv.addAll(List.of("-o", "DPkg::Lock::Timeout=" + lockTimeout.toSeconds()));
        return argv;
    }

    @Override
    public Map<String, String> installed(ModuleContext ctx, List<String> names) throws ConnectionException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("dpkg-query"));
        if (root != null) {
            argv.add("--admindir=" + under("/var/lib/dpkg"));
        }
        argv.addAll(List.of("-W", "-f=${Package}\\t${Version}\\t${db:Status-Abbrev}\\n"));
        argv.addAll(names);
        // Exit 1 only says some names are unknown to dpkg: those are simply not installed.
        return PackageOutput.installed(PackageBackend.run(ctx, true, List.of(), argv).stdout());
    }

    @Override
    public List<Op> latest(List<String> names, Map<String, String> installed) {
        return List.of(new Op("install", names)); // apt-get install upgrades installed names to the candidate
    }

    private List<String> verb(Op op) {
        return switch (op.verb()) {
            case "upgrade-all" -> List.of("upgrade");
            case "dist-upgrade" -> List.of("dist-upgrade");
            case "purge" -> List.of("remove", "--purge");
            case "upgrade" -> List.of("install", "--only-upgrade");
            default -> List.of(op.verb());
        };
    }

    @Override
    public List<PackageChange> simulate(ModuleContext ctx, Op op) throws ModuleException, ConnectionException, InterruptedException {
        List<String> argv = aptGet();
        argv.add("-s");
        argv.addAll(verb(op));
        argv.addAll(op.names());
        CommandResult r = PackageBackend.run(ctx, true, List.of(), argv);
        if (r.exitCode() != 0) {
            throw new ModuleException("apt-get cannot " + op.verb() + " " + String.join(" ", op.names()) + ": "
                    + PackageBackend.errorOf(r, "E:"));
        }
        return PackageOutput.apt(r.stdout());
    }

    @Override
    public void execute(ModuleContext ctx, Op op) throws ModuleException, ConnectionException, InterruptedException {
        List<String> argv = aptGet();
        argv.addAll(List.of("-y", "-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold"));
        argv.addAll(verb(op));
        argv.addAll(op.names());
        CommandResult r = PackageBackend.run(ctx, false, NONINTERACTIVE, argv);
        if (r.exitCode() != 0) {
            throw failure("apt-get " + String.join(" ", verb(op)) + " " + String.join(" ", op.names()), r);
        }
    }

    private ModuleException failure(String what, CommandResult r) {
        String error = PackageBackend.errorOf(r, "E:");
        String all = r.stdout() + r.stderr();
        if (all.contains("Could not get lock") || all.contains("Unable to acquire the dpkg")) {
            return new ModuleException("the package database is locked by another process and stayed locked for "
                    + "lock_timeout (" + lockTimeout.toSeconds() + "s): " + error);
        }
        return new ModuleException(what.strip() + " failed: " + error);
    }

    @Override
    public boolean cacheFresh(ModuleContext ctx, Duration validFor) throws ConnectionException, InterruptedException {
        if (validFor.isZero()) {
            return false;
        }
        String script = "date +%s; stat -c %Y " + ShellQuote.quote(under("/var/lib/apt/periodic/update-success-stamp"))
                + " " + ShellQuote.quote(under("/var/lib/apt/lists")) + " 2>/dev/null";
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(script)));
        List<Long> numbers = r.stdout().lines().map(String::trim).filter(s -> s.matches("\\d+")).map(Long::parseLong).toList();
        if (numbers.size() < 2) {
            return false;
        }
        long newest = numbers.subList(1, numbers.size()).stream().mapToLong(Long::longValue).max().orElse(0);
        return numbers.get(0) - newest < validFor.toSeconds();
    }

    @Override
    public void updateCache(ModuleContext ctx) throws ModuleException, ConnectionException, InterruptedException {
        List<String> argv = aptGet();
        argv.add("update");
        CommandResult r = PackageBackend.run(ctx, false, NONINTERACTIVE, argv);
        if (r.exitCode() != 0) {
            throw failure("apt-get update", r);
        }
    }

    @Override
    public boolean rebootRequired(ModuleContext ctx) throws ConnectionException, InterruptedException {
        return ctx.run(CommandRequest.readOnly(Command.Argv.of("test", "-e", under("/var/run/reboot-required")))).exitCode() == 0;
    }
}
