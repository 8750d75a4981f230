package dev.runbook.modules.db;

import static dev.runbook.modules.db.SqlRunner.ident;

import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Proves a fresh dump is a usable backup before it replaces anything: it names every table and
 * view the database has and ends with the dump tool's completion line ({@code tables}), and, with
 * {@code load}, it also loads without error into a scratch database (dropped afterwards) that then
 * holds every table and view. Returns what was verified, for people.
 */
final class DumpVerify {
    private DumpVerify() {
    }

    static String verify(ModuleContext ctx, SqlRunner sql, String db, String dumpFile, String how)
            throws ModuleException, ConnectionException, InterruptedException {
        if (how.equals("none")) {
            return "not verified (verify: none)";
        }
        DumpScan scan = DumpScan.probe(ctx, dumpFile);
        Schema live;
        try {
            live = Schema.read(sql, db);
        } catch (SqlRunner.SqlFailure e) {
            throw new ModuleException("cannot verify the dump of " + db + ": " + e.getMessage());
        }
        if (!scan.complete()) {
            throw new ModuleException("the dump of " + db + " has no '-- Dump completed' line: it is cut short; "
                    + "no backup was written");
        }
        Set<String> missing = new TreeSet<>(live.relations().keySet());
        missing.removeIf(RestoreJournal::isOwn);
        missing.removeAll(scan.relations());
        if (!missing.isEmpty()) {
            throw new ModuleException("the dump of " + db + " lacks " + String.join(", ", missing)
                    + " (tables or views of the database); no backup was written");
        }
        String tables = "verified: all " + live.tables().size() + " tables and " + live.views().size()
                + " views are in the dump, which is complete";
        return how.equals("load") ? load(sql, db, dumpFile, scan) : tables;
    }

    private static String load(SqlRunner sql, String db, String dumpFile, DumpScan scan)
            throws ModuleException, ConnectionException, InterruptedException {
        String scratch = String.format("rb_verify_%08x", ThreadLocalRandom.current().nextInt());
        try {
            sql.execute(null, List.of("CREATE DATABASE " + ident(scratch)));
        } catch (SqlRunner.SqlFailure e) {
            throw new ModuleException("verify: load needs a scratch database, and creating " + scratch + " failed: "
                    + e.getMessage() + " (grant CREATE and DROP on `rb\\_verify\\_%`.*, or use verify: tables); no backup was written");
        }
        try {
            sql.load(DumpScan.reader(dumpFile), scratch);
            Schema loaded = Schema.read(sql, scratch);
            Set<String> absent = new TreeSet<>(scan.relations());
            absent.removeAll(loaded.relations().keySet());
            if (!absent.isEmpty()) {
                throw new ModuleException("the dump of " + db + " loaded, but without " + String.join(", ", absent)
                        + "; no backup was written");
            }
            long rows = rows(sql, scratch, loaded.tables());
            return "verified: loaded into a scratch database without error, " + loaded.tables().size() + " tables, "
                    + loaded.views().size() + " views, " + rows + " rows";
        } catch (SqlRunner.SqlFailure e) {
            throw new ModuleException("the dump of " + db + " does not load: " + e.getMessage() + "; no backup was written");
        } finally {
            try {
                sql.execute(null, List.of("DROP DATABASE IF EXISTS " + ident(scratch)));
            } catch (SqlRunner.SqlFailure e) {
                // a scratch copy left behind holds nothing the dump does not; the failure that matters is above
            }
        }
    }

    private static long rows(SqlRunner sql, String schema, Set<String> tables)
            throws SqlRunner.SqlFailure, ConnectionException, InterruptedException {
        if (tables.isEmpty()) {
            return 0;
        }
        StringBuilder q = new StringBuilder("SELECT 0");
        for (String t : tables) {
            q.append(" + (SELECT COUNT(*) FROM ").append(ident(schema)).append('.').append(ident(t)).append(')');
        }
        List<Map<String, Object>> r = sql.query(q.append(" AS n;\n").toString()).get(0);
        return Long.parseLong(String.valueOf(r.get(0).get("n")));
    }
}
