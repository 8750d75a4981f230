package dev.runbook.modules.db;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
import dev.runbook.connection.CommandResult;
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
import java.util.regex.Pattern;

/**
 * Runs SQL through the target's client. Reading statements (SELECT, SHOW, ...) run in plan mode
 * too, so their registered result is known; writing statements are "would run" unless a
 * {@code done_when} query shows the work is already done.
 */
public final class MysqlQuery implements Module {
    private static final Pattern READING = Pattern.compile(
            "(?is)^\\s*(?:(?:--[^\\n]*\\n|/\\*.*?\\*/)\\s*)*(SELECT|SHOW|DESCRIBE|DESC|EXPLAIN|WITH)\\b.*");
    private static final String ROWS = "__runbook_rows";

    private static final ModuleSpec SPEC = declaration();

    private static ModuleSpec declaration() {
        List<ArgSpec> args = new ArrayList<>(List.of(
                ArgSpec.required("query", ArgType.LIST, "One SQL statement, or a list of them (one statement per item)."),
                ArgSpec.optional("login_db", ArgType.STRING, null, "Database to use.").withAliases("db", "name"),
                ArgSpec.optional("single_transaction", ArgType.BOOL, false,
                        "Run all statements in one transaction: all of them or none."),
                ArgSpec.optional("done_when", ArgType.STRING, null, "A read-only SELECT: when it returns at least one "
                        + "row the work is already done, nothing runs and nothing changes. Makes writes idempotent "
                        + "and lets a plan say '=' or '~' instead of '?'.")));
        args.addAll(MysqlLogin.ARGS);
        return new ModuleSpec("mysql_query", "Run SQL statements on a MariaDB/MySQL server through the target's "
                + "client. Changed when a writing statement affected rows. Credentials never appear on a command "
                + "line or in output.", args, false, """
                mysql_query:
                  login_db: shop
                  login_user: "{{ db_user }}"
                  login_password: "{{ db_password }}"
                  query: "UPDATE oc_setting SET value = '1' WHERE `key` = 'config_maintenance'"
                  done_when: "SELECT 1 FROM oc_setting WHERE `key` = 'config_maintenance' AND value = '1'"
                """);
    }

    @Override
    public Footprint footprint(Args args) {
        Resource db = MysqlLogin.from(args).database(args.string("login_db"));
        return args.strings("query").stream().allMatch(MysqlQuery::isReading) ? Footprint.readsOnly(db) : Footprint.on(db);
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    static boolean isReading(String sql) {
        return READING.matcher(sql).matches();
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        List<String> queries = queries(args);
        if (queries.stream().allMatch(MysqlQuery::isReading)) {
            Map<String, Object> result = execute(ctx, args, queries, true).data();
            return new Change(ChangeKind.NONE, "read-only queries", null, result, null);
        }
        if (args.has("done_when")) {
            if (alreadyDone(ctx, args)) {
                return Change.none("already done (done_when returned rows)");
            }
            return Change.of(ChangeKind.CHANGE, "would run " + describe(queries));
        }
        return Change.unknown("would run " + describe(queries) + " (add done_when to tell whether it changes anything)");
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        List<String> queries = queries(args);
        boolean reading = queries.stream().allMatch(MysqlQuery::isReading);
        if (!reading && args.has("done_when") && alreadyDone(ctx, args)) {
            return ModuleResult.ok("already done (done_when returned rows)");
        }
        return execute(ctx, args, queries, reading);
    }

    private boolean alreadyDone(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String probe = args.string("done_when");
        if (!isReading(probe)) {
            throw new ModuleException("done_when must be a read-only query (SELECT ...), got: " + probe);
        }
        CommandResult r = client(ctx, args, probe.strip().replaceAll(";+$", "") + ";\n", true);
        return !XmlResultSets.parse(r.stdout()).stream().allMatch(List::isEmpty);
    }

    private ModuleResult execute(ModuleContext ctx, Args args, List<String> queries, boolean reading)
            throws ModuleException, ConnectionException, InterruptedException {
        StringBuilder sql = new StringBuilder();
        boolean tx = args.bool("single_transaction");
        if (tx) {
            sql.append("START TRANSACTION;\n");
        }
        for (String q : queries) {
            sql.append(q.strip().replaceAll(";+$", "")).append(";\n");
            if (!isReading(q)) {
                sql.append("SELECT ROW_COUNT() AS ").append(ROWS).append(";\n");
            }
        }
        if (tx) {
            sql.append("COMMIT;\n");
        }
        CommandResult r = client(ctx, args, sql.toString(), reading);
        List<List<Map<String, Object>>> sets = XmlResultSets.parse(r.stdout());
        List<Object> results = new ArrayList<>();
        List<Object> rowcounts = new ArrayList<>();
        long affected = 0;
        int i = 0;
        for (String q : queries) {
            List<Map<String, Object>> set = i < sets.size() ? sets.get(i++) : List.of();
            if (isReading(q)) {
                results.add(set);
                rowcounts.add((long) set.size());
            } else {
                long n = set.isEmpty() ? 0 : Math.max(0, Long.parseLong(String.valueOf(set.get(0).get(ROWS))));
                affected += n;
                results.add(List.of());
                rowcounts.add(n);
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("query_result", results);
        data.put("rowcount", rowcounts);
        data.put("executed_queries", queries);
        boolean changed = affected > 0;
        return new ModuleResult(changed, false, changed ? affected + " row(s) affected" : "no rows changed", data, null);
    }

    private CommandResult client(ModuleContext ctx, Args args, String sql, boolean readOnly)
            throws ModuleException, ConnectionException, InterruptedException {
        List<String> options = new ArrayList<>(List.of("--xml", "--batch"));
        if (args.has("login_db")) {
            options.add("--database=" + args.string("login_db"));
        }
        CommandResult r = MysqlClient.run(ctx, MysqlLogin.from(args), MysqlClient.Program.QUERY, options, "", "", sql, readOnly);
        if (r.exitCode() != 0) {
            throw new ModuleException("query failed: " + MysqlClient.error(r));
        }
        return r;
    }

    private static List<String> queries(Args args) throws ModuleException {
        List<String> qs = args.strings("query").stream().filter(q -> !q.isBlank()).toList();
        if (qs.isEmpty()) {
            throw new ModuleException("query is empty");
        }
        return qs;
    }

    private static String describe(List<String> queries) {
        String first = queries.get(0).strip().replaceAll("\\s+", " ");
        if (first.length() > 60) {
            first = first.substring(0, 57) + "...";
        }
        return queries.size() == 1 ? first : queries.size() + " statements (" + first + " ...)";
    }
}
