package dev.runbook.modules.db;

import static dev.runbook.modules.db.SqlRunner.ident;
import static dev.runbook.modules.db.SqlRunner.literal;

import dev.runbook.connection.ConnectionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One database as the server reports it to the logged-in user: its tables and views, triggers,
 * routines, events and foreign keys, and the privileges that user holds on it (global grants,
 * grants on database patterns that match it, grants to PUBLIC and to enabled roles).
 *
 * @param relations tables, views and sequences by name, with information_schema's TABLE_TYPE
 */
record Schema(String name, boolean exists, String user, Map<String, String> relations, List<Routine> triggers,
              List<Routine> routines, List<Routine> events, List<ForeignKey> foreignKeys, Set<String> privileges) {

    Schema {
        relations = Map.copyOf(new TreeMap<>(relations));
        triggers = List.copyOf(triggers);
        routines = List.copyOf(routines);
        events = List.copyOf(events);
        foreignKeys = List.copyOf(foreignKeys);
        privileges = Set.copyOf(privileges);
    }

    /** A trigger, procedure, function or event: {@code type} is TRIGGER, PROCEDURE, FUNCTION or EVENT. */
    record Routine(String type, String name, String table, String definer) {
        String describe() {
            return type.toLowerCase() + " " + name;
        }
    }

    /** A foreign key, to drop and add back by its definition. */
    record ForeignKey(String name, String table, List<String> columns, String refSchema, String refTable,
                      List<String> refColumns, String onUpdate, String onDelete) {
        String addStatement(String schema) {
            String ref = (refSchema.equals(schema) ? "" : ident(refSchema) + ".") + ident(refTable);
            return "ALTER TABLE " + ident(table) + " ADD CONSTRAINT " + ident(name) + " FOREIGN KEY ("
                    + String.join(", ", columns.stream().map(SqlRunner::ident).toList()) + ") REFERENCES " + ref + " ("
                    + String.join(", ", refColumns.stream().map(SqlRunner::ident).toList()) + ")" + rule("DELETE", onDelete)
                    + rule("UPDATE", onUpdate);
        }

        /** RESTRICT is the default and left out: written out, ALTER TABLE stores it as NO ACTION. */
        private static String rule(String event, String action) {
            return action == null || action.equals("RESTRICT") ? "" : " ON " + event + " " + action;
        }

        /** InnoDB renames a generated name (table_ibfk_N) with its table; any other name stays and can collide. */
        boolean followsRename() {
            return name.startsWith(table + "_ibfk_");
        }
    }

    static Schema read(SqlRunner sql, String db) throws SqlRunner.SqlFailure, ConnectionException, InterruptedException {
        String n = literal(db);
        List<List<Map<String, Object>>> sets = sql.query(String.join(";\n",
                "SELECT CURRENT_USER() AS u",
                "SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " + n,
                "SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = " + n,
                "SELECT TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS tbl, DEFINER AS definer FROM information_schema.TRIGGERS"
                        + " WHERE TRIGGER_SCHEMA = " + n + " ORDER BY TRIGGER_NAME",
                "SELECT ROUTINE_NAME AS name, ROUTINE_TYPE AS type, DEFINER AS definer FROM information_schema.ROUTINES"
                        + " WHERE ROUTINE_SCHEMA = " + n + " ORDER BY ROUTINE_TYPE, ROUTINE_NAME",
                "SELECT EVENT_NAME AS name, DEFINER AS definer FROM information_schema.EVENTS WHERE EVENT_SCHEMA = " + n
                        + " ORDER BY EVENT_NAME",
                "SELECT k.CONSTRAINT_NAME AS name, k.TABLE_NAME AS tbl, k.COLUMN_NAME AS col, k.REFERENCED_TABLE_SCHEMA AS rs,"
                        + " k.REFERENCED_TABLE_NAME AS rt, k.REFERENCED_COLUMN_NAME AS rc, r.UPDATE_RULE AS upd,"
                        + " r.DELETE_RULE AS del FROM information_schema.KEY_COLUMN_USAGE k"
                        + " JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA"
                        + " AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
                        + " WHERE k.TABLE_SCHEMA = " + n + " AND k.REFERENCED_TABLE_NAME IS NOT NULL"
                        + " ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION",
                "SELECT DISTINCT g.PRIVILEGE_TYPE AS p FROM (SELECT GRANTEE, PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES"
                        + " UNION ALL SELECT GRANTEE, PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES"
                        + " WHERE " + n + " LIKE TABLE_SCHEMA) g WHERE g.GRANTEE = CONCAT('''',"
                        + " SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')"
                        + " OR g.GRANTEE = 'PUBLIC' OR g.GRANTEE IN (SELECT CONCAT('''', ROLE_NAME, '''')"
                        + " FROM information_schema.ENABLED_ROLES)") + ";\n");
        if (sets.size() != 8) {
            throw new SqlRunner.SqlFailure("unexpected answer from the server: " + sets.size() + " result sets instead of 8");
        }
        Map<String, String> relations = new LinkedHashMap<>();
        sets.get(2).forEach(r -> relations.put(str(r, "name"), str(r, "type")));
        List<Routine> triggers = new ArrayList<>();
        sets.get(3).forEach(r -> triggers.add(new Routine("TRIGGER", str(r, "name"), str(r, "tbl"), str(r, "definer"))));
        List<Routine> routines = new ArrayList<>();
        sets.get(4).forEach(r -> routines.add(new Routine(str(r, "type"), str(r, "name"), null, str(r, "definer"))));
        List<Routine> events = new ArrayList<>();
        sets.get(5).forEach(r -> events.add(new Routine("EVENT", str(r, "name"), null, str(r, "definer"))));
        Set<String> privileges = new TreeSet<>();
        sets.get(7).forEach(r -> privileges.add(str(r, "p")));
        return new Schema(db, !sets.get(1).isEmpty(), str(sets.get(0).get(0), "u"), relations, triggers, routines, events,
                foreignKeys(sets.get(6)), privileges);
    }

    private static List<ForeignKey> foreignKeys(List<Map<String, Object>> rows) {
        Map<String, ForeignKey> keys = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            String key = str(r, "tbl") + "\0" + str(r, "name");
            ForeignKey k = keys.get(key);
            List<String> cols = new ArrayList<>(k == null ? List.of() : k.columns());
            List<String> refs = new ArrayList<>(k == null ? List.of() : k.refColumns());
            cols.add(str(r, "col"));
            refs.add(str(r, "rc"));
            keys.put(key, new ForeignKey(str(r, "name"), str(r, "tbl"), cols, str(r, "rs"), str(r, "rt"), refs,
                    str(r, "upd"), str(r, "del")));
        }
        return List.copyOf(keys.values());
    }

    /**
     * The statements that create the triggers, routines and events again as they are now, read
     * with SHOW CREATE (each preceded by the sql_mode it was defined under).
     */
    List<String> definitions(SqlRunner sql, List<Routine> objects)
            throws SqlRunner.SqlFailure, ConnectionException, InterruptedException {
        if (objects.isEmpty()) {
            return List.of();
        }
        StringBuilder q = new StringBuilder();
        for (Routine o : objects) {
            q.append("SHOW CREATE ").append(o.type()).append(' ').append(ident(name)).append('.').append(ident(o.name())).append(";\n");
        }
        List<List<Map<String, Object>>> sets = sql.query(q.toString());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            Routine o = objects.get(i);
            Map<String, Object> row = i < sets.size() && !sets.get(i).isEmpty() ? sets.get(i).get(0) : Map.of();
            String column = o.type().equals("TRIGGER") ? "SQL Original Statement"
                    : "Create " + o.type().charAt(0) + o.type().substring(1).toLowerCase();
            Object text = row.get(column);
            if (text == null) {
                throw new SqlRunner.SqlFailure("cannot read the definition of " + o.describe() + " (defined by "
                        + o.definer() + "): user " + user + " may not see it, so it could not be put back if the restore failed");
            }
            out.add("SET SESSION sql_mode = " + literal(String.valueOf(row.getOrDefault("sql_mode", ""))));
            out.add(String.valueOf(text));
        }
        return out;
    }

    /** Procedures, functions, then events: the objects that belong to the database rather than to a table. */
    List<Routine> routinesAndEvents() {
        List<Routine> all = new ArrayList<>(routines);
        all.addAll(events);
        return all;
    }

    /** Base tables and sequences (not views). */
    Set<String> tables() {
        Set<String> t = new TreeSet<>();
        relations.forEach((n, type) -> {
            if (!type.equals("VIEW")) {
                t.add(n);
            }
        });
        return t;
    }

    Set<String> views() {
        Set<String> v = new TreeSet<>(relations.keySet());
        v.removeAll(tables());
        return v;
    }

    /** SUPER or SET USER: may create objects defined by other users. */
    boolean mayActForOthers() {
        return privileges.contains("SUPER") || privileges.contains("SET USER");
    }

    private static String str(Map<String, Object> row, String key) {
        Object v = row.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
