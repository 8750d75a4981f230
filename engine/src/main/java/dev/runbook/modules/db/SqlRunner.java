package dev.runbook.modules.db;

import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SQL through the target's client, one client process per call, as one login. Queries come back
 * as rows ({@code --xml}); statements run in order and stop at the first error, which is thrown
 * with the client's message (including the line it failed at).
 */
final class SqlRunner {
    /** Ends each statement of {@link #execute}; trigger and routine bodies hold ';' themselves. */
    static final String DELIMITER = ";;runbook;;";

    private final ModuleContext ctx;
    private final MysqlLogin login;
    private final boolean readOnly;

    SqlRunner(ModuleContext ctx, MysqlLogin login, boolean readOnly) {
        this.ctx = ctx;
        this.login = login;
        this.readOnly = readOnly;
    }

    /** The client failed; the message is the client's own error. */
    static final class SqlFailure extends ModuleException {
        SqlFailure(String message) {
            super(message);
        }
    }

    /** Runs statements that return rows; one list of rows per statement. */
    List<List<Map<String, Object>>> query(String sql) throws SqlFailure, ConnectionException, InterruptedException {
        CommandResult r = MysqlClient.run(ctx, login, MysqlClient.Program.QUERY,
                List.of("--xml", "--batch", "--default-character-set=utf8mb4"), "", "", sql, readOnly);
        if (r.exitCode() != 0) {
            throw new SqlFailure(error(r));
        }
        return XmlResultSets.parse(r.stdout());
    }

    /** Runs statements one after the other in one session without foreign key checks, stopping at the first error. */
    void execute(String db, List<String> statements) throws SqlFailure, ConnectionException, InterruptedException {
        if (statements.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("SET SESSION FOREIGN_KEY_CHECKS = 0;\nDELIMITER ").append(DELIMITER).append('\n');
        for (String s : statements) {
            sql.append(s).append('\n').append(DELIMITER).append('\n');
        }
        List<String> options = new ArrayList<>(List.of("--batch", "--default-character-set=utf8mb4"));
        if (db != null) {
            options.add("--database=" + db);
        }
        CommandResult r = MysqlClient.run(ctx, login, MysqlClient.Program.QUERY, options, "", "", sql.toString(), readOnly);
        if (r.exitCode() != 0) {
            throw new SqlFailure(error(r));
        }
    }

    /** Pipes the output of {@code feed} (a shell command printing SQL) into the client, in database {@code db}. */
    void load(String feed, String db) throws SqlFailure, ConnectionException, InterruptedException {
        CommandResult r = MysqlClient.run(ctx, login, MysqlClient.Program.QUERY,
                List.of("--batch", "--default-character-set=utf8mb4", "--database=" + db),
                MysqlClient.Shell.feeding(feed), null, readOnly);
        if (r.exitCode() != 0) {
            throw new SqlFailure(error(r));
        }
    }

    /**
     * The client's error first ("ERROR 1146 (42S02) at line 99: Table ... doesn't exist"), then
     * the statement it echoed, shortened: the line number alone is hard to find in a large dump.
     */
    static String error(CommandResult r) {
        String all = MysqlClient.error(r);
        List<String> errors = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        for (String line : all.split("\n")) {
            if (line.startsWith("ERROR") || line.startsWith("mariadb: ") || line.startsWith("mysql: ")) {
                errors.add(line);
            } else {
                statement.append(statement.length() == 0 ? "" : " ").append(line.strip());
            }
        }
        if (errors.isEmpty()) {
            return all;
        }
        String stmt = statement.length() > 160 ? statement.substring(0, 157) + "..." : statement.toString();
        return String.join("; ", errors) + (stmt.isEmpty() ? "" : " (in: " + stmt + ")");
    }

    /** A quoted identifier: `name`. */
    static String ident(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** A string literal that reads the same whatever the session's sql_mode (no backslash escapes). */
    static String literal(String text) {
        if (text.isEmpty()) {
            return "''";
        }
        return "CONVERT(X'" + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)) + "' USING utf8mb4)";
    }
}
