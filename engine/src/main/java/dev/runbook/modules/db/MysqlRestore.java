package dev.runbook.modules.db;

import static dev.runbook.modules.db.SqlRunner.ident;

import dev.runbook.modules.Footprint;
import dev.runbook.modules.Resource;
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
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads a dump into a database: the way back after a failed upgrade. The database is never left
 * worse than before: the privileges the restore needs are checked first, the current tables are
 * moved aside (not dropped) while the dump loads, and any failure puts them back. A restore is an
 * action, not a state, so it always reports changed; put it in a {@code run: on-failure} step.
 */
public final class MysqlRestore implements Module {
    private static final ModuleSpec SPEC = declaration();

    private static ModuleSpec declaration() {
        List<ArgSpec> args = new ArrayList<>(List.of(
                ArgSpec.required("name", ArgType.STRING, "The database to restore into.").withAliases("db", "login_db"),
                ArgSpec.required("src", ArgType.STRING, "The dump file on the target (gzip is recognised by its content)."),
                ArgSpec.optional("recreate", ArgType.BOOL, true, "true: the database ends up exactly as the dump: "
                        + "tables, views, triggers and routines the dump lacks (added by a failed upgrade, say) are "
                        + "removed. false: they are kept; only the dump's objects are replaced."),
                ArgSpec.optional("allow_incomplete", ArgType.BOOL, false, "Load a dump that does not end with the dump "
                        + "tool's '-- Dump completed' line (made with --skip-comments, or SQL written by hand). Without "
                        + "it such a dump is refused: it may be cut short.")));
        args.addAll(MysqlLogin.ARGS);
        return new ModuleSpec("mysql_restore", "Restore a MariaDB/MySQL database from a dump file on the target, "
                + "through the target's client. Safe: the current tables are moved aside, not dropped, until the dump "
                + "has loaded; on any failure they are put back and the message says so. Always a change; "
                + "credentials never appear on a command line.",
                args, false, """
                mysql_restore:
                  name: shop
                  src: /var/backups/shop.sql.gz
                  login_user: "{{ db_user }}"
                  login_password: "{{ db_password }}"
                """);
    }

    @Override
    public Footprint footprint(Args args) {
        Resource db = MysqlLogin.from(args).database(args.string("name"));
        return new Footprint(List.of(db, Resource.path(args.string("src"))), List.of(db));
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String src = args.string("src");
        String db = args.string("name");
        if (!MysqlDump.exists(ctx, src)) {
            // In a plan the dump is often made by an earlier step that has not run yet.
            return Change.unknown("would restore " + db + " from " + src + " (not there now)");
        }
        DumpScan dump = DumpScan.probe(ctx, src);
        Schema s = read(new SqlRunner(ctx, MysqlLogin.from(args), true), db);
        if (s.relations().keySet().stream().anyMatch(r -> r.startsWith("_rb_restore"))) {
            return Change.of(ChangeKind.CHANGE, "would first finish an interrupted restore of " + db
                    + ", then restore it from " + src);
        }
        List<String> problems = RestoreCheck.problems(s, dump, args.bool("allow_incomplete"));
        if (!problems.isEmpty()) {
            throw new ModuleException("cannot restore " + db + " from " + src + ": " + String.join("; ", problems));
        }
        return Change.of(s.exists() ? ChangeKind.CHANGE : ChangeKind.CREATE,
                "would restore " + db + " from " + src + ": " + describe(s, dump, args.bool("recreate")));
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String src = args.string("src");
        String db = args.string("name");
        if (!MysqlDump.exists(ctx, src)) {
            throw new ModuleException("dump not found on the target: " + src);
        }
        DumpScan dump = DumpScan.probe(ctx, src);
        SqlRunner sql = new SqlRunner(ctx, MysqlLogin.from(args), false);
        Restore restore = new Restore(sql, db);
        Schema s = read(sql, db);
        String note;
        try {
            note = restore.settle(s);
        } catch (SqlRunner.SqlFailure e) {
            throw new ModuleException("cannot restore " + db + ": an earlier restore was interrupted and finishing it "
                    + "failed: " + e.getMessage() + ". The tables as they were before that restore are kept as "
                    + RestoreJournal.PREFIX + "<name> and the table " + RestoreJournal.ACTIVE + " lists them");
        }
        if (!note.isEmpty()) {
            s = read(sql, db);
        }
        List<String> problems = RestoreCheck.problems(s, dump, args.bool("allow_incomplete"));
        if (!problems.isEmpty()) {
            throw new ModuleException(note + "Cannot restore " + db + " from " + src + ": " + String.join("; ", problems)
                    + ". Nothing was changed: " + db + " is as it was.");
        }
        Failure failure = new Failure(sql, restore, db, src, note);
        if (!s.exists()) {
            return createAndLoad(sql, restore, failure, s, dump);
        }
        if (s.relations().isEmpty() && s.routines().isEmpty() && s.events().isEmpty()) {
            // Nothing to keep aside (and no RENAME, so no ALTER needed): on failure, empty it again.
            try {
                restore.load(src);
            } catch (SqlRunner.SqlFailure e) {
                throw failure.emptied(e.getMessage());
            }
            return result(db, src, note, read(sql, db), Set.of(), Set.of(), dump);
        }
        List<RestoreJournal.Entry> entries;
        try {
            entries = RestoreJournal.entries(s, s.definitions(sql, s.triggers()), s.definitions(sql, s.routinesAndEvents()));
            restore.prepare(entries);
        } catch (SqlRunner.SqlFailure e) {
            throw failure.untouched("preparing the restore failed: " + e.getMessage());
        }
        boolean recreate = args.bool("recreate");
        try {
            restore.moveAside(s, entries, recreate);
            restore.load(src);
        } catch (SqlRunner.SqlFailure | ConnectionException e) {
            throw failure.rolledBack(s, e.getMessage());
        } catch (InterruptedException e) {
            ModuleException m = failure.rolledBack(s, "interrupted");
            Thread.currentThread().interrupt();
            throw m;
        }
        List<Set<String>> outcome;
        try {
            outcome = restore.commit(!recreate);
        } catch (SqlRunner.SqlFailure e) {
            throw failure.afterLoad(s, e.getMessage());
        }
        return result(db, src, note, read(sql, db), outcome.get(0), outcome.get(1), dump);
    }

    private static ModuleResult createAndLoad(SqlRunner sql, Restore restore, Failure failure, Schema s, DumpScan dump)
            throws ModuleException, ConnectionException, InterruptedException {
        try {
            sql.execute(null, List.of("CREATE DATABASE " + ident(s.name())));
        } catch (SqlRunner.SqlFailure e) {
            throw failure.untouched("creating the database failed: " + e.getMessage());
        }
        try {
            restore.load(failure.src());
        } catch (SqlRunner.SqlFailure e) {
            throw failure.created(e.getMessage());
        }
        return result(s.name(), failure.src(), failure.note(), read(sql, s.name()), Set.of(), Set.of(), dump);
    }

    private static ModuleResult result(String db, String src, String note, Schema after, Set<String> removed,
                                       Set<String> kept, DumpScan dump) {
        StringBuilder msg = new StringBuilder(note).append("restored ").append(db).append(" from ").append(src).append(": ")
                .append(after.tables().size()).append(" tables, ").append(after.views().size()).append(" views");
        if (!removed.isEmpty()) {
            msg.append("; removed ").append(String.join(", ", removed)).append(" (not in the dump)");
        }
        if (!kept.isEmpty()) {
            msg.append("; kept ").append(String.join(", ", kept)).append(" (not in the dump, recreate: false)");
        }
        if (!dump.complete()) {
            msg.append(" (allow_incomplete: the dump has no '-- Dump completed' line)");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", db);
        data.put("src", src);
        data.put("tables", List.copyOf(after.tables()));
        data.put("views", List.copyOf(after.views()));
        data.put("removed", List.copyOf(removed));
        data.put("kept", List.copyOf(kept));
        return ModuleResult.changed(msg.toString()).withData(data);
    }

    private static String describe(Schema s, DumpScan dump, boolean recreate) {
        if (!s.exists()) {
            return "create it with the dump's " + count(dump.tables().size(), "table") + " and "
                    + count(dump.views().size(), "view");
        }
        Set<String> extra = new TreeSet<>(s.relations().keySet());
        extra.removeAll(dump.relations());
        StringBuilder sb = new StringBuilder(count(dump.tables().size(), "table") + " and "
                + count(dump.views().size(), "view") + " from the dump replace the " + s.relations().size() + " there now");
        if (!extra.isEmpty()) {
            sb.append(recreate ? "; would remove " : "; would keep ").append(String.join(", ", extra)).append(" (not in the dump)");
        }
        return sb.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static Schema read(SqlRunner sql, String db) throws ModuleException, ConnectionException, InterruptedException {
        try {
            return Schema.read(sql, db);
        } catch (SqlRunner.SqlFailure e) {
            throw new ModuleException("cannot read database " + db + ": " + e.getMessage());
        }
    }
}
