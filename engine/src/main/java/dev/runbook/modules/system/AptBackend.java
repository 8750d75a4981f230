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
record AptBackend(String root, Duration lockTimeout, AptOptions options) implements PackageBackend {

    AptBackend(String root, Duration lockTimeout) {
        this(root, lockTimeout, AptOptions.DEFAULT);
    }

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
        argv.addAll(options.common());
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
            case "upgrade-safe" -> List.of("upgrade", "--with-new-pkgs");
            case "autoremove-purge" -> List.of("autoremove", "--purge");
            case "fix" -> List.of("install", "--fix-broken");
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
        CommandResult r = aptRun(ctx, true, List.of(), argv);
        if (r.exitCode() != 0) {
            throw new ModuleException("apt-get cannot " + op.verb() + " " + String.join(" ", op.names()) + ": "
                    + PackageBackend.errorOf(r, "E:"));
        }
        return PackageOutput.apt(r.stdout());
    }

    @Override
    public void execute(ModuleContext ctx, Op op) throws ModuleException, ConnectionException, InterruptedException {
        run(ctx, op);
    }

    /** Runs the transaction; its output is what the apt module registers as stdout and stderr. */
    CommandResult run(ModuleContext ctx, Op op) throws ModuleException, ConnectionException, InterruptedException {
        List<String> argv = aptGet();
        argv.add("-y");
        argv.addAll(options.dpkg());
        argv.addAll(verb(op));
        argv.addAll(op.names());
        CommandResult r = aptRun(ctx, false, NONINTERACTIVE, argv);
        if (r.exitCode() != 0) {
            throw failure("apt-get " + String.join(" ", verb(op)) + " " + String.join(" ", op.names()), r);
        }
        return r;
    }

    /**
     * Runs apt-get; with origins, under a preferences file that holds only the origin pins (apt
     * reads preferences from regular files only, so it is a temporary file, removed on exit,
     * for the simulation as well).
     */
    private CommandResult aptRun(ModuleContext ctx, boolean readOnly, List<String> env, List<String> argv)
            throws ConnectionException, InterruptedException {
        String prefs = options.preferences();
        if (prefs == null) {
            return PackageBackend.run(ctx, readOnly, env, argv);
        }
        List<String> head = new ArrayList<>(List.of("env", "LC_ALL=C"));
        head.addAll(env);
        head.add(argv.get(0));
        String line = ShellQuote.join(head) + " -o \"Dir::Etc::Preferences=$RUNBOOK_PINS\" -o Dir::Etc::PreferencesParts=/dev/null "
                + ShellQuote.join(argv.subList(1, argv.size()));
        String script = "RUNBOOK_PINS=$(mktemp) || exit 100\ntrap 'rm -f \"$RUNBOOK_PINS\"' EXIT\n"
                + "cat > \"$RUNBOOK_PINS\" <<'RUNBOOK_PINS_END'\n" + prefs + "RUNBOOK_PINS_END\n" + line + "\n";
        Command.Shell cmd = new Command.Shell(script);
        return readOnly ? ctx.run(CommandRequest.readOnly(cmd)) : ctx.stream(CommandRequest.of(cmd));
    }

    /** apt-get clean or autoclean: the cache of downloaded packages, not the system. */
    void housekeeping(ModuleContext ctx, String verb) throws ModuleException, ConnectionException, InterruptedException {
        List<String> argv = aptGet();
        argv.add(verb);
        CommandResult r = PackageBackend.run(ctx, false, NONINTERACTIVE, argv);
        if (r.exitCode() != 0) {
            throw failure("apt-get " + verb, r);
        }
    }

    /** Packages marked hold ({@code apt-mark hold}): upgrades leave them at their version. */
    List<String> held(ModuleContext ctx) throws ConnectionException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("dpkg-query"));
        if (root != null) {
            argv.add("--admindir=" + under("/var/lib/dpkg"));
        }
        argv.addAll(List.of("-W", "-f=${db:Status-Want}\\t${Package}\\n"));
        String out = PackageBackend.run(ctx, true, List.of(), argv).stdout();
        return out.lines().filter(l -> l.startsWith("hold\t")).map(l -> l.substring(5).strip()).sorted().toList();
    }

    /** Package and version of a .deb file on the target, from its control file. */
    String[] debControl(ModuleContext ctx, String path) throws ModuleException, ConnectionException, InterruptedException {
        CommandResult r = PackageBackend.run(ctx, true, List.of(), List.of("dpkg-deb", "--show", "--showformat=${Package}\\t${Version}", path));
        String[] f = r.stdout().strip().split("\t");
        if (r.exitCode() != 0 || f.length != 2) {
            throw new ModuleException("cannot read the package " + path + ": " + PackageBackend.errorOf(r, "dpkg-deb:"));
        }
        return f;
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
        List<Long> numbers = cacheTimes(ctx);
        if (numbers.size() < 2) {
            return false;
        }
        long newest = numbers.subList(1, numbers.size()).stream().mapToLong(Long::longValue).max().orElse(0);
        return numbers.get(0) - newest < validFor.toSeconds();
    }

    /** When the package lists were last refreshed (epoch seconds), 0 when never. */
    long cacheUpdateTime(ModuleContext ctx) throws ConnectionException, InterruptedException {
        List<Long> numbers = cacheTimes(ctx);
        return numbers.size() < 2 ? 0 : numbers.subList(1, numbers.size()).stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Now, then the modification times of the update stamp and the lists directory that exist. */
    private List<Long> cacheTimes(ModuleContext ctx) throws ConnectionException, InterruptedException {
        String script = "date +%s; stat -c %Y " + ShellQuote.quote(under("/var/lib/apt/periodic/update-success-stamp"))
                + " " + ShellQuote.quote(under("/var/lib/apt/lists")) + " 2>/dev/null";
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(script)));
        return r.stdout().lines().map(String::trim).filter(s -> s.matches("\\d+")).map(Long::parseLong).toList();
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
