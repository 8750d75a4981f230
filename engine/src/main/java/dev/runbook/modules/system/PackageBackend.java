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
 * One package manager, spoken through commands on the target. Probes (installed versions,
 * simulations, cache age) are read-only; {@link #execute} and {@link #updateCache} change the host.
 */
interface PackageBackend {

    /**
     * One package-manager transaction.
     *
     * @param verb install, upgrade (named packages), remove, purge, upgrade-all or dist-upgrade
     */
    record Op(String verb, List<String> names) {
        public Op {
            names = List.copyOf(names);
        }
    }

    /** Installed versions of {@code names} (bare names, no version pins); absent ones are missing. */
    Map<String, String> installed(ModuleContext ctx, List<String> names) throws ModuleException, ConnectionException, InterruptedException;

    /** The transactions that bring {@code names} to their newest version. */
    List<Op> latest(List<String> names, Map<String, String> installed);

    /** What {@code op} would do, from the manager's own dry run. */
    List<PackageChange> simulate(ModuleContext ctx, Op op) throws ModuleException, ConnectionException, InterruptedException;

    void execute(ModuleContext ctx, Op op) throws ModuleException, ConnectionException, InterruptedException;

    /** True when the package lists were refreshed less than {@code validFor} ago. */
    boolean cacheFresh(ModuleContext ctx, Duration validFor) throws ConnectionException, InterruptedException;

    void updateCache(ModuleContext ctx) throws ModuleException, ConnectionException, InterruptedException;

    boolean rebootRequired(ModuleContext ctx) throws ConnectionException, InterruptedException;

    /** Simulates each op and executes those that would change something; what changed, each package once, in order. */
    default List<PackageChange> executeChanging(ModuleContext ctx, List<Op> ops)
            throws ModuleException, ConnectionException, InterruptedException {
        List<PackageChange> done = new ArrayList<>();
        for (Op op : ops) {
            List<PackageChange> changes = simulate(ctx, op);
            if (!changes.isEmpty()) {
                execute(ctx, op);
                done.addAll(changes);
            }
        }
        return PackageChange.distinct(done);
    }

    /** Runs argv on the target; {@code env} entries (NAME=value) go before it through env(1). */
    static CommandResult run(ModuleContext ctx, boolean readOnly, List<String> env, List<String> argv)
            throws ConnectionException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("env", "LC_ALL=C"));
        all.addAll(env);
        all.addAll(argv);
        Command.Argv cmd = new Command.Argv(all);
        return readOnly ? ctx.run(CommandRequest.readOnly(cmd)) : ctx.stream(CommandRequest.of(cmd));
    }

    /** The lines that say what went wrong, else the output's last five lines. */
    static String errorOf(CommandResult r, String marker) {
        String all = r.stdout() + "\n" + r.stderr();
        List<String> errors = all.lines().filter(l -> l.startsWith(marker)).toList();
        if (!errors.isEmpty()) {
            return String.join("\n", errors);
        }
        List<String> lines = all.strip().lines().toList();
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        return tail.isEmpty() ? "exit code " + r.exitCode() : tail;
    }
}
