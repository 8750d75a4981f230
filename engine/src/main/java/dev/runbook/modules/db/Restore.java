package dev.runbook.modules.db;

import static dev.runbook.modules.db.SqlRunner.ident;

import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.db.RestoreJournal.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The steps of a restore that keeps the old database until the new one is in place: write the
 * journal, move every table and view aside in one atomic RENAME TABLE (dropping the triggers,
 * routines and foreign key names the dump would collide with), load the dump under the real names,
 * then either accept it (drop what was aside) or roll back (drop what the load made, rename
 * everything back, create the dropped objects again). Every step that changes more than one
 * thing starts with an atomic rename of the journal, so an interruption anywhere leaves a state
 * {@link #settle} can finish.
 */
final class Restore {
    private final SqlRunner sql;
    private final String db;

    Restore(SqlRunner sql, String db) {
        this.sql = sql;
        this.db = db;
    }

    /**
     * Finishes what an interrupted restore left: returns a sentence saying what was done, or ""
     * when nothing was left.
     */
    String settle(Schema now) throws SqlRunner.SqlFailure, ConnectionException, InterruptedException {
        Set<String> rel = now.relations().keySet();
        if (rel.contains(RestoreJournal.ACTIVE)) {
            rollBack();
            return "An earlier restore of " + db + " had been interrupted; it was rolled back first. ";
        }
        if (rel.contains(RestoreJournal.BACK)) {
            recreate(RestoreJournal.BACK);
            return "An earlier restore of " + db + " had been interrupted while rolling back; that was finished first. ";
        }
        if (rel.contains(RestoreJournal.DONE)) {
            dropAside(RestoreJournal.DONE);
            return "An earlier restore of " + db + " had been interrupted while removing the old tables; that was finished first. ";
        }
        if (rel.contains(RestoreJournal.PENDING)) {
            sql.execute(db, List.of("DROP TABLE IF EXISTS " + ident(RestoreJournal.PENDING)));
        }
        return "";
    }

    /** Writes the journal; nothing else changes. */
    void prepare(List<Entry> entries) throws SqlRunner.SqlFailure, ConnectionException, InterruptedException {
        sql.execute(db, RestoreJournal.write(entries));
    }

    /** Moves everything aside (atomically), then drops what would collide with the dump's objects. */
    void moveAside(Schema before, List<Entry> entries, boolean dropRoutines)
            throws SqlRunner.SqlFailure, ConnectionException, InterruptedException {
        List<String> s = new ArrayList<>();
        s.add(RestoreJournal.moveAside(entries));
        for (Schema.Routine t : before.triggers()) {
            s.add("DROP TRIGGER IF EXISTS " + ident(t.name()));
        }
        for (Entry e : entries) {
            if (e.kind().equals("fk")) {
                s.add("ALTER TABLE " + ident(RestoreJournal.aside(e.aside())) + " DROP FOREIGN KEY " + ident(e.name()));
            }
        }
        if (dropRoutines) {
            s.addAll(dropRoutines(before));
        }
        sql.execute(db, s);
    }

    void load(String src) throws SqlRunner.SqlFailure, ConnectionException, InterruptedException {
        sql.load(DumpScan.reader(src), db);
    }

    /**
     * Accepts the load: with {@code keep}, the old tables and views the dump does not replace
     * come back under their names; everything else that was aside is dropped. Returns the names
     * removed and the names kept.
     */
    List<Set<String>> commit(boolean keep) throws SqlRunner.SqlFailure, ConnectionException, InterruptedException {
        List<Entry> entries = RestoreJournal.read(sql, db, RestoreJournal.ACTIVE);
        Schema now = Schema.read(sql, db);
        Set<String> kept = new TreeSet<>();
        StringBuilder rename = new StringBuilder("RENAME TABLE ").append(ident(RestoreJournal.ACTIVE)).append(" TO ")
                .append(ident(RestoreJournal.DONE));
        if (keep) {
            for (Map.Entry<String, String> r : RestoreJournal.renames(entries).entrySet()) {
                if (!now.relations().containsKey(r.getValue())) {
                    kept.add(r.getValue());
                    rename.append(", ").append(ident(r.getKey())).append(" TO ").append(ident(r.getValue()));
                }
            }
        }
        sql.execute(db, List.of(rename.toString()));
        if (!kept.isEmpty()) {
            sql.execute(db, definitions(entries, Schema.read(sql, db), kept));
        }
        Set<String> removed = new TreeSet<>(RestoreJournal.renames(entries).values());
        removed.removeAll(now.relations().keySet());
        removed.removeAll(kept);
        dropAside(RestoreJournal.DONE);
        return List.of(removed, kept);
    }

    /** Drops every table, view, routine and event (of a database that was empty before the load). */
    void clear() throws SqlRunner.SqlFailure, ConnectionException, InterruptedException {
        Schema now = Schema.read(sql, db);
        List<String> s = new ArrayList<>(dropNew(now));
        s.addAll(dropRoutines(now));
        sql.execute(db, s);
    }

    private static List<String> dropNew(Schema now) {
        List<String> s = new ArrayList<>();
        now.relations().forEach((name, type) -> {
            if (!RestoreJournal.isOwn(name)) {
                s.add((type.equals("VIEW") ? "DROP VIEW IF EXISTS " : "DROP TABLE IF EXISTS ") + ident(name));
            }
        });
        return s;
    }

    /** Drops what the load made and puts back what was aside. */
    void rollBack() throws SqlRunner.SqlFailure, ConnectionException, InterruptedException {
        List<Entry> entries = RestoreJournal.read(sql, db, RestoreJournal.ACTIVE);
        Schema now = Schema.read(sql, db);
        List<String> s = new ArrayList<>(dropNew(now));
        now.triggers().forEach(t -> s.add("DROP TRIGGER IF EXISTS " + ident(t.name())));
        s.addAll(dropRoutines(now));
        StringBuilder rename = new StringBuilder("RENAME TABLE ").append(ident(RestoreJournal.ACTIVE)).append(" TO ")
                .append(ident(RestoreJournal.BACK));
        RestoreJournal.renames(entries).forEach((aside, name) -> {
            if (now.relations().containsKey(aside)) {
                rename.append(", ").append(ident(aside)).append(" TO ").append(ident(name));
            }
        });
        s.add(rename.toString());
        sql.execute(db, s);
        recreate(RestoreJournal.BACK);
    }

    /** Creates the journal's triggers, routines, events and foreign keys again (idempotent), then drops it. */
    private void recreate(String journal) throws SqlRunner.SqlFailure, ConnectionException, InterruptedException {
        List<Entry> entries = RestoreJournal.read(sql, db, journal);
        Set<String> all = new TreeSet<>(RestoreJournal.renames(entries).values());
        List<String> s = new ArrayList<>(dropRoutines(Schema.read(sql, db)));
        s.addAll(definitions(entries, Schema.read(sql, db), all));
        for (Entry e : entries) {
            if (e.kind().equals("routine")) {
                s.add(e.stmt());
            }
        }
        s.add("DROP TABLE " + ident(journal));
        sql.execute(db, s);
    }

    /** Foreign keys and triggers of the given tables, each only when it is missing now. */
    private static List<String> definitions(List<Entry> entries, Schema now, Set<String> tables) {
        List<String> s = new ArrayList<>();
        for (Entry e : entries) {
            if (e.kind().equals("fk") && tables.contains(e.aside())
                    && now.foreignKeys().stream().noneMatch(k -> k.name().equals(e.name()) && k.table().equals(e.aside()))) {
                s.add(e.stmt());
            } else if (e.kind().equals("trigger") && tables.contains(e.aside().substring(e.aside().indexOf(" ON ") + 4))
                    && now.triggers().stream().noneMatch(t -> t.name().equals(e.name()))) {
                s.add(e.stmt());
            }
        }
        return s;
    }

    private void dropAside(String journal) throws SqlRunner.SqlFailure, ConnectionException, InterruptedException {
        List<Entry> entries = RestoreJournal.read(sql, db, journal);
        Schema now = Schema.read(sql, db);
        List<String> s = new ArrayList<>();
        for (String aside : RestoreJournal.renames(entries).keySet()) {
            String type = now.relations().get(aside);
            if (type != null) {
                s.add((type.equals("VIEW") ? "DROP VIEW IF EXISTS " : "DROP TABLE IF EXISTS ") + ident(aside));
            }
        }
        s.add("DROP TABLE IF EXISTS " + ident(journal));
        sql.execute(db, s);
    }

    private static List<String> dropRoutines(Schema schema) {
        List<String> s = new ArrayList<>();
        schema.routines().forEach(r -> s.add("DROP " + r.type() + " IF EXISTS " + ident(r.name())));
        schema.events().forEach(e -> s.add("DROP EVENT IF EXISTS " + ident(e.name())));
        return s;
    }
}
