package dev.runbook.modules.db;

import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Footprint;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * community.mysql.mysql_variables: read a global server variable, or set it (SET GLOBAL, or SET
 * PERSIST on MySQL 8) when its value differs, compared as Ansible does: numbers as numbers,
 * ON/OFF and 1/0 alike, other values as text.
 */
public final class MysqlVariables implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("mysql_variables",
            "Read or set a global MariaDB/MySQL server variable (community.mysql.mysql_variables); set only when it differs.",
            args(), false, """
            mysql_variables:
              variable: max_connections
              value: 500
              login_unix_socket: /run/mysqld/mysqld.sock
            """);

    private static List<ArgSpec> args() {
        List<ArgSpec> a = new ArrayList<>(List.of(
                ArgSpec.required("variable", ArgType.STRING, "The server variable, e.g. max_connections."),
                ArgSpec.optional("value", ArgType.STRING, null, "The wanted value; unset only reads it (registered as `msg`)."),
                ArgSpec.optional("mode", ArgType.STRING, "global", "global: SET GLOBAL (until the server restarts); persist and "
                        + "persist_only: SET PERSIST / SET PERSIST_ONLY (MySQL 8; MariaDB has neither).")
                        .withChoices("global", "persist", "persist_only")));
        a.addAll(MysqlLogin.ARGS);
        return a;
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.on(MysqlLogin.from(args).database(null));
    }

    @Override
    public boolean isReadOnly(Map<String, Object> args) {
        return !args.containsKey("value");
    }

    @Override
    public List<String> validate(Args args) {
        return args.string("variable").matches("[A-Za-z0-9_]+") ? List.of()
                : List.of("variable '" + args.string("variable") + "' is not a server variable name (letters, digits, _)");
    }

    private record Decision(String current, String statement) {
    }

    private Decision decide(SqlRunner runner, Args args) throws ModuleException, ConnectionException, InterruptedException {
        if (!validate(args).isEmpty()) {
            throw new ModuleException(validate(args).get(0));
        }
        String name = args.string("variable");
        List<Map<String, Object>> rows;
        try {
            rows = runner.query("SHOW GLOBAL VARIABLES WHERE Variable_name = " + SqlRunner.literal(name) + ";\n").get(0);
        } catch (SqlRunner.SqlFailure e) {
            throw new ModuleException("cannot read variable " + name + ": " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new ModuleException("Variable not available \"" + name + "\"");
        }
        String current = rows.get(0).get("Value") == null ? "" : String.valueOf(rows.get(0).get("Value"));
        if (!args.has("value") || same(args.string("value"), current)) {
            return new Decision(current, null);
        }
        String verb = switch (args.string("mode")) {
            case "persist" -> "SET PERSIST ";
            case "persist_only" -> "SET PERSIST_ONLY ";
            default -> "SET GLOBAL ";
        };
        return new Decision(current, verb + SqlRunner.ident(name) + " = " + value(args.string("value")));
    }

    /** Ansible's comparison: as numbers when both are, ON/OFF as 1/0, else as text. */
    static boolean same(String wanted, String actual) {
        BigDecimal w = number(bool(wanted));
        BigDecimal a = number(bool(actual));
        if (w != null && a != null) {
            return w.compareTo(a) == 0;
        }
        return wanted.equals(actual);
    }

    private static String bool(String v) {
        return switch (v.strip().toUpperCase(Locale.ROOT)) {
            case "ON", "TRUE" -> "1";
            case "OFF", "FALSE" -> "0";
            default -> v.strip();
        };
    }

    private static BigDecimal number(String v) {
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A number as it is, anything else as a string literal. */
    private static String value(String v) {
        return number(v.strip()) != null ? v.strip() : SqlRunner.literal(v);
    }

    /** Ansible's result: the value when only reading; else what happened, and the statement run. */
    private static Map<String, Object> result(Decision d, Args args) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", d.statement() != null);
        r.put("msg", !args.has("value") ? d.current() : d.statement() == null ? "Variable is already set to requested value."
                : "Variable change succeeded prev_value=" + d.current());
        if (d.statement() != null) {
            r.put("queries", List.of(d.statement()));
        }
        return r;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Decision d = decide(new SqlRunner(ctx, MysqlLogin.from(args), true), args);
        if (d.statement() == null) {
            return new Change(ChangeKind.NONE, args.string("variable") + " is " + d.current(), null, result(d, args), null);
        }
        return new Change(ChangeKind.CHANGE, "would set " + args.string("variable") + " from " + d.current() + " to "
                + args.string("value") + " (" + d.statement() + ")", null, result(d, args), null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        SqlRunner runner = new SqlRunner(ctx, MysqlLogin.from(args), false);
        Decision d = decide(runner, args);
        if (d.statement() != null) {
            try {
                runner.execute(null, List.of(d.statement()));
            } catch (SqlRunner.SqlFailure e) {
                throw new ModuleException(d.statement() + " failed: " + e.getMessage());
            }
        }
        Map<String, Object> data = result(d, args);
        data.remove("changed");
        return new ModuleResult(d.statement() != null, false, String.valueOf(data.get("msg")), data, null);
    }
}
