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
import dev.runbook.modules.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code community.mysql.mysql_db}: databases present (created, or their default
 * character set and collation corrected) or absent; {@code state: dump} and {@code state: import}
 * are {@code mysql_dump} (replacing the target) and {@code mysql_restore} (loading into what is
 * there) under Ansible's names.
 */
public final class MysqlDb implements Module {
    private static final ModuleSpec SPEC = declaration();

    private static ModuleSpec declaration() {
        List<ArgSpec> args = new ArrayList<>(List.of(
                ArgSpec.required("name", ArgType.LIST, "The database, or a list of them (present and absent only).")
                        .withAliases("db"),
                ArgSpec.optional("state", ArgType.STRING, "present", "present, absent, dump (to target) or import "
                        + "(from target).").withChoices("present", "absent", "dump", "import"),
                ArgSpec.optional("encoding", ArgType.STRING, "", "Default character set (utf8mb4, ...). An existing "
                        + "database with another one is altered."),
                ArgSpec.optional("collation", ArgType.STRING, "", "Default collation (utf8mb4_unicode_ci, ...). An "
                        + "existing database with another one is altered."),
                ArgSpec.optional("target", ArgType.STRING, null, "The dump file on the target, for dump and import "
                        + "(.gz is compressed).")));
        args.addAll(MysqlLogin.ARGS);
        return new ModuleSpec("mysql_db", "Create, drop, dump or import MariaDB/MySQL databases (Ansible's "
                + "community.mysql.mysql_db). Returns db, db_list and executed_commands as Ansible does.", args, false, """
                mysql_db:
                  name: shop
                  encoding: utf8mb4
                  collation: utf8mb4_unicode_ci
                  login_user: root
                  login_unix_socket: /run/mysqld/mysqld.sock
                """);
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        String state = args.string("state");
        if ((state.equals("dump") || state.equals("import")) && !args.has("target")) {
            return List.of("state " + state + " needs target: the dump file on the target");
        }
        if ((state.equals("dump") || state.equals("import")) && args.strings("name").size() != 1) {
            return List.of("state " + state + " takes exactly one database name");
        }
        return List.of();
    }

    @Override
    public Footprint footprint(Args args) {
        MysqlLogin login = MysqlLogin.from(args);
        List<Resource> dbs = new ArrayList<>();
        for (String name : args.strings("name")) {
            dbs.add(login.database(name));
        }
        return switch (args.string("state")) {
            case "dump" -> delegate(args).module().footprint(delegate(args).args());
            case "import" -> delegate(args).module().footprint(delegate(args).args());
            default -> Footprint.on(dbs);
        };
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String state = args.string("state");
        if (state.equals("dump") || state.equals("import")) {
            Delegate d = delegate(args);
            return d.module().check(ctx, d.args());
        }
        List<String> sql = statements(new SqlRunner(ctx, MysqlLogin.from(args), true), args);
        Map<String, Object> result = result(args, sql);
        result.put("changed", !sql.isEmpty());
        if (sql.isEmpty()) {
            return new Change(ChangeKind.NONE, summary(args, sql), null, result, null);
        }
        ChangeKind kind = state.equals("absent") ? ChangeKind.REMOVE
                : sql.stream().allMatch(s -> s.startsWith("CREATE")) ? ChangeKind.CREATE : ChangeKind.CHANGE;
        return new Change(kind, "would run " + String.join("; ", sql), null, result, null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String state = args.string("state");
        if (state.equals("dump") || state.equals("import")) {
            Delegate d = delegate(args);
            ModuleResult r = d.module().apply(ctx, d.args());
            Map<String, Object> data = new LinkedHashMap<>(r.data());
            data.put("db", args.strings("name").get(0));
            data.put("db_list", args.strings("name"));
            return r.withData(data);
        }
        SqlRunner runner = new SqlRunner(ctx, MysqlLogin.from(args), false);
        List<String> sql = statements(runner, args);
        for (String s : sql) {
            try {
                runner.execute(null, List.of(s));
            } catch (SqlRunner.SqlFailure e) {
                throw new ModuleException(s + " failed: " + e.getMessage());
            }
        }
        String msg = sql.isEmpty() ? summary(args, sql) : "ran " + String.join("; ", sql);
        return new ModuleResult(!sql.isEmpty(), false, msg, result(args, sql), null);
    }

    /** The statements that bring the databases to the wanted state, from read-only probes. */
    private static List<String> statements(SqlRunner runner, Args args) throws ModuleException, ConnectionException, InterruptedException {
        List<String> names = args.strings("name");
        StringBuilder in = new StringBuilder();
        for (String n : names) {
            in.append(in.length() == 0 ? "" : ", ").append(SqlRunner.literal(n));
        }
        Map<String, List<String>> existing = new LinkedHashMap<>();
        try {
            for (Map<String, Object> row : runner.query("SELECT SCHEMA_NAME AS n, DEFAULT_CHARACTER_SET_NAME AS cs, "
                    + "DEFAULT_COLLATION_NAME AS co FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (" + in + ");\n").get(0)) {
                existing.put(String.valueOf(row.get("n")), List.of(String.valueOf(row.get("cs")), String.valueOf(row.get("co"))));
            }
        } catch (SqlRunner.SqlFailure e) {
            throw new ModuleException("cannot read the server's databases: " + e.getMessage());
        }
        boolean present = args.string("state").equals("present");
        String encoding = args.string("encoding");
        String collation = args.string("collation");
        List<String> sql = new ArrayList<>();
        for (String n : names) {
            List<String> now = existing.get(n);
            if (!present) {
                if (now != null) {
                    sql.add("DROP DATABASE " + SqlRunner.ident(n));
                }
            } else if (now == null) {
                sql.add("CREATE DATABASE " + SqlRunner.ident(n) + options(encoding, collation));
            } else {
                boolean csDiffers = !encoding.isEmpty() && !encoding.equalsIgnoreCase(now.get(0));
                boolean coDiffers = !collation.isEmpty() && !collation.equalsIgnoreCase(now.get(1));
                if (csDiffers || coDiffers) {
                    sql.add("ALTER DATABASE " + SqlRunner.ident(n) + options(encoding, collation));
                }
            }
        }
        return sql;
    }

    private static String options(String encoding, String collation) {
        return (encoding.isEmpty() ? "" : " CHARACTER SET " + SqlRunner.ident(encoding))
                + (collation.isEmpty() ? "" : " COLLATE " + SqlRunner.ident(collation));
    }

    private static Map<String, Object> result(Args args, List<String> sql) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("db", String.join(" ", args.strings("name")));
        data.put("db_list", args.strings("name"));
        data.put("executed_commands", sql);
        return data;
    }

    private static String summary(Args args, List<String> sql) {
        String names = String.join(", ", args.strings("name"));
        if (sql.isEmpty()) {
            return args.string("state").equals("present") ? "database " + names + " present" : "database " + names + " absent";
        }
        return String.join("; ", sql);
    }

    private record Delegate(Module module, Args args) {
    }

    /** dump is mysql_dump replacing the target, as Ansible's dump does; import loads into what is there. */
    private static Delegate delegate(Args args) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("name", args.strings("name").get(0));
        for (ArgSpec a : MysqlLogin.ARGS) {
            if (args.has(a.name())) {
                raw.put(a.name(), args.get(a.name()));
            }
        }
        Module m;
        if (args.string("state").equals("dump")) {
            m = new MysqlDump();
            raw.put("target", args.string("target"));
            raw.put("force", true);
        } else {
            m = new MysqlRestore();
            raw.put("src", args.string("target"));
            raw.put("recreate", false);
        }
        Args.Bound bound = Args.bind(m.spec(), raw);
        if (!bound.ok()) {
            throw new IllegalStateException(String.join("; ", bound.problems().values()));
        }
        return new Delegate(m, bound.args());
    }
}
