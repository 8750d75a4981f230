package dev.runbook.modules.db;

import dev.runbook.testing.MariaDbServer;

/**
 * Everything a database holds, as text, read as root: every table's and view's definition and
 * rows, triggers, routines, events and foreign keys. Two equal snapshots mean the same database.
 */
final class DatabaseSnapshot {
    private DatabaseSnapshot() {
    }

    static String of(MariaDbServer server, String db) {
        StringBuilder sb = new StringBuilder();
        String tables = server.sql("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA='" + db
                + "' ORDER BY TABLE_NAME");
        sb.append("tables:\n").append(tables);
        for (String line : tables.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            String t = "`" + db + "`.`" + f[0] + "`";
            sb.append("== ").append(f[0]).append('\n').append(server.sql("SHOW CREATE TABLE " + t));
            if (!f[1].equals("VIEW")) {
                sb.append(server.sql("SELECT * FROM " + t + " ORDER BY 1"));
            }
        }
        sb.append("triggers:\n").append(server.sql("SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_STATEMENT, DEFINER "
                + "FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA='" + db + "' ORDER BY 1"));
        sb.append("routines:\n").append(server.sql("SELECT ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION, DEFINER "
                + "FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA='" + db + "' ORDER BY 1"));
        sb.append("events:\n").append(server.sql("SELECT EVENT_NAME, EVENT_DEFINITION, STATUS, DEFINER "
                + "FROM information_schema.EVENTS WHERE EVENT_SCHEMA='" + db + "' ORDER BY 1"));
        sb.append("foreign keys:\n").append(server.sql("SELECT CONSTRAINT_NAME, TABLE_NAME, REFERENCED_TABLE_NAME, "
                + "DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA='" + db + "' ORDER BY 1, 2"));
        return sb.toString();
    }
}
