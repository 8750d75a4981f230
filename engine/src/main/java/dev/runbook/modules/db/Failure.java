package dev.runbook.modules.db;

import static dev.runbook.modules.db.SqlRunner.ident;

import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ModuleException;
import java.util.List;

/**
 * A failed restore, said the way a person on call needs it: what failed, then exactly what state
 * the database is in now (untouched, rolled back, or, only when rolling back failed too, what is
 * where and how to finish).
 */
record Failure(SqlRunner sql, Restore restore, String db, String src, String note) {

    /** Nothing had been changed yet (a pending journal is removed). */
    ModuleException untouched(String what) {
        try {
            sql.execute(db, List.of("DROP TABLE IF EXISTS " + ident(RestoreJournal.PENDING)));
        } catch (SqlRunner.SqlFailure | ConnectionException | InterruptedException e) {
            // a pending journal moves nothing; the next restore removes it
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        return fail(what, "Nothing was changed: " + db + " is as it was.");
    }

    /** The load (or moving aside) failed: rolls back and says whether that worked. */
    ModuleException rolledBack(Schema before, String what) {
        boolean interrupted = Thread.interrupted();
        try {
            Schema now = Schema.read(sql, db);
            boolean moved = now.relations().containsKey(RestoreJournal.ACTIVE);
            restore.settle(now);
            return fail(what, moved ? "Rolled back: " + db + " is as it was before the restore (its "
                    + before.relations().size() + " tables and views with their rows, and its triggers, routines and "
                    + "foreign keys, are back)." : "Nothing was changed: " + db + " is as it was.");
        } catch (SqlRunner.SqlFailure | ConnectionException | InterruptedException e) {
            return fail(what, "Rolling back failed too (" + e.getMessage() + "): " + db + " may hold part of the dump; "
                    + "the tables as they were before are kept as " + RestoreJournal.PREFIX + "<name>, listed in the table "
                    + RestoreJournal.ACTIVE + ". Running the restore again rolls back first (an interrupted restore is "
                    + "always finished before anything else).");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The load had been accepted when removing the old tables failed. */
    ModuleException afterLoad(Schema before, String what) {
        try {
            Schema now = Schema.read(sql, db);
            if (now.relations().containsKey(RestoreJournal.ACTIVE)) {
                return rolledBack(before, what);
            }
        } catch (SqlRunner.SqlFailure | ConnectionException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        return fail(what, "The dump is loaded and in place, but some old tables are still there as "
                + RestoreJournal.PREFIX + "<name> (listed in " + RestoreJournal.DONE
                + "); the next restore removes them, or drop them by hand.");
    }

    /** The database was empty: what the load created is dropped again. */
    ModuleException emptied(String what) {
        try {
            restore.clear();
            return fail(what, db + " was empty before; what the load had created was removed again, so it is empty as it was.");
        } catch (SqlRunner.SqlFailure | ConnectionException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return fail(what, db + " was empty before and now holds part of the dump (removing it failed: "
                    + e.getMessage() + ").");
        }
    }

    /** The database did not exist: the one that was created is dropped again. */
    ModuleException created(String what) {
        try {
            sql.execute(null, List.of("DROP DATABASE IF EXISTS " + ident(db)));
            return fail(what, db + " did not exist before; the database created for the restore was removed again.");
        } catch (SqlRunner.SqlFailure | ConnectionException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return fail(what, db + " did not exist before; it was created for the restore and now holds part of the "
                    + "dump (removing it failed: " + e.getMessage() + ").");
        }
    }

    private ModuleException fail(String what, String state) {
        return new ModuleException(note + "restore of " + db + " from " + src + " failed: " + what + ". " + state);
    }
}
