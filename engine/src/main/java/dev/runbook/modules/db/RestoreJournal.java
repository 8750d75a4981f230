package dev.runbook.modules.db;

import static dev.runbook.modules.db.SqlRunner.ident;
import static dev.runbook.modules.db.SqlRunner.literal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a restore puts a database back: a small table inside the database, written before anything
 * is touched, that lists where each table and view was moved aside and the statements that create
 * the dropped triggers, routines, events and foreign keys again. It lives under three names, each
 * reached by an atomic RENAME TABLE, so an interrupted restore is always recognisable:
 * <ul>
 * <li>{@value #PENDING}: written, nothing moved yet (drop it);</li>
 * <li>{@value #ACTIVE}: the old objects are aside, the load has not been accepted (roll back);</li>
 * <li>{@value #BACK}: rolled back, the tables are in place again; its triggers, routines and
 * foreign keys are being created again (finish that);</li>
 * <li>{@value #DONE}: the load was accepted (drop the aside tables it names).</li>
 * </ul>
 */
final class RestoreJournal {
    static final String PREFIX = "_rb_old_";
    static final String PENDING = "_rb_restore_new";
    static final String ACTIVE = "_rb_restore";
    static final String BACK = "_rb_restore_back";
    static final String DONE = "_rb_restore_done";

    /** One row: {@code kind} is rename (name moved to aside), fk, trigger or routine (stmt creates name again). */
    record Entry(String kind, String name, String aside, String stmt) {
    }

    private RestoreJournal() {
    }

    static boolean isOwn(String relation) {
        return relation.startsWith(PREFIX) || relation.equals(PENDING) || relation.equals(ACTIVE)
                || relation.equals(BACK) || relation.equals(DONE);
    }

    /** The aside name of a table: the prefix and the name, shortened with a digest beyond 64 characters. */
    static String aside(String name) {
        String plain = PREFIX + name;
        if (plain.length() <= 64) {
            return plain;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return PREFIX + name.substring(0, 64 - PREFIX.length() - 9) + "_" + HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The entries for moving {@code before}'s objects aside, from their current definitions. */
    static List<Entry> entries(Schema before, List<String> triggerDefinitions, List<String> routineDefinitions) {
        List<Entry> out = new ArrayList<>();
        before.relations().keySet().stream().filter(r -> !isOwn(r))
                .forEach(r -> out.add(new Entry("rename", r, aside(r), "")));
        for (Schema.ForeignKey k : before.foreignKeys()) {
            if (!k.followsRename() && !isOwn(k.table())) {
                out.add(new Entry("fk", k.name(), k.table(), k.addStatement(before.name())));
            }
        }
        addDefinitions(out, "trigger", before.triggers(), triggerDefinitions);
        addDefinitions(out, "routine", before.routinesAndEvents(), routineDefinitions);
        return out;
    }

    /**
     * Definitions come in pairs: the sql_mode, then the CREATE statement; one entry holds both,
     * separated by the delimiter {@link SqlRunner#execute} uses, so they run as two statements.
     */
    private static void addDefinitions(List<Entry> out, String kind, List<Schema.Routine> objects, List<String> defs) {
        for (int i = 0; i < objects.size(); i++) {
            Schema.Routine o = objects.get(i);
            out.add(new Entry(kind, o.name(), o.type() + (o.table() == null ? "" : " ON " + o.table()),
                    defs.get(2 * i) + "\n" + SqlRunner.DELIMITER + "\n" + defs.get(2 * i + 1)));
        }
    }

    /** Statements writing the pending journal. */
    static List<String> write(List<Entry> entries) {
        List<String> s = new ArrayList<>();
        s.add("DROP TABLE IF EXISTS " + ident(PENDING));
        s.add("CREATE TABLE " + ident(PENDING) + " (step INT NOT NULL PRIMARY KEY, kind VARCHAR(16) NOT NULL,"
                + " name VARCHAR(255) NOT NULL, aside VARCHAR(255) NOT NULL, stmt LONGTEXT NOT NULL)"
                + " DEFAULT CHARSET=utf8mb4");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            s.add("INSERT INTO " + ident(PENDING) + " VALUES (" + i + ", " + literal(e.kind()) + ", " + literal(e.name())
                    + ", " + literal(e.aside()) + ", " + literal(e.stmt()) + ")");
        }
        return s;
    }

    /** The one atomic statement that moves every table and view aside and makes the journal active. */
    static String moveAside(List<Entry> entries) {
        StringBuilder s = new StringBuilder("RENAME TABLE ").append(ident(PENDING)).append(" TO ").append(ident(ACTIVE));
        for (Entry e : entries) {
            if (e.kind().equals("rename")) {
                s.append(", ").append(ident(e.name())).append(" TO ").append(ident(e.aside()));
            }
        }
        return s.toString();
    }

    static List<Entry> read(SqlRunner sql, String db, String journal) throws SqlRunner.SqlFailure,
            dev.runbook.connection.ConnectionException, InterruptedException {
        List<Entry> out = new ArrayList<>();
        String table = ident(db) + "." + ident(journal);
        for (Map<String, Object> r : sql.query("SELECT kind, name, aside, stmt FROM " + table + " ORDER BY step;\n").get(0)) {
            out.add(new Entry(String.valueOf(r.get("kind")), String.valueOf(r.get("name")), String.valueOf(r.get("aside")),
                    String.valueOf(r.get("stmt"))));
        }
        return out;
    }

    /** Original name by aside name. */
    static Map<String, String> renames(List<Entry> entries) {
        Map<String, String> m = new LinkedHashMap<>();
        entries.stream().filter(e -> e.kind().equals("rename")).forEach(e -> m.put(e.aside(), e.name()));
        return m;
    }
}
