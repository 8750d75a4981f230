package dev.runbook.modules.db;

import dev.runbook.connection.CommandResult;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code community.mysql.mysql_user}: an account ({@code name}@{@code host}) present
 * with a password and privileges, or absent. Probes read {@code mysql.user} and
 * {@code SHOW GRANTS}; the password is compared on the server ({@code PASSWORD()}, MariaDB's
 * mysql_native_password), so neither it nor its hash comes back. Statements travel on stdin and
 * are shown with the password masked.
 */
public final class MysqlUser implements Module {
    static final String MASK = "********";
    private static final String SQL_MODE = "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')";
    private static final ModuleSpec SPEC = declaration();

    private static ModuleSpec declaration() {
        List<ArgSpec> args = new ArrayList<>(List.of(
                ArgSpec.required("name", ArgType.STRING, "The account's user name.").withAliases("user"),
                ArgSpec.optional("host", ArgType.STRING, "localhost", "The host part of the account ('%' for any)."),
                ArgSpec.optional("password", ArgType.STRING, null, "The account's password (mysql_native_password).")
                        .asSecret(),
                ArgSpec.optional("update_password", ArgType.STRING, "always", "always: set the password when it "
                        + "differs; on_create: only for a new account.").withChoices("always", "on_create"),
                ArgSpec.optional("priv", ArgType.ANY, null, "Privileges, as 'db.*:ALL,GRANT/db2.table:SELECT,INSERT' "
                        + "or a map of object to privileges. Other objects' privileges are revoked unless append_privs."),
                ArgSpec.optional("append_privs", ArgType.BOOL, false, "Add priv to what the account holds, revoking nothing."),
                ArgSpec.optional("state", ArgType.STRING, "present", "present or absent.").withChoices("present", "absent")));
        args.addAll(MysqlLogin.ARGS);
        return new ModuleSpec("mysql_user", "Manage a MariaDB/MySQL account, its password and privileges (Ansible's "
                + "community.mysql.mysql_user). Returns user, msg and password_changed.", args, false, """
                mysql_user:
                  name: shop
                  host: "%"
                  password: "{{ db_password }}"
                  priv: "shop.*:ALL/*.*:PROCESS"
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
        if (args.has("priv")) {
            try {
                Privileges.parse(args.get("priv"));
            } catch (IllegalArgumentException e) {
                return List.of("priv: " + e.getMessage());
            }
        }
        return List.of();
    }

    @Override
    public Footprint footprint(Args args) {
        // Accounts and grants live in the server's mysql system database.
        return Footprint.on(MysqlLogin.from(args).database("mysql"));
    }

    /** One statement, as run and as shown. */
    record Statement(String sql, String shown) {
    }

    /** What apply would do, from probes. */
    record Work(List<Statement> statements, boolean passwordChanged, String msg) {
        List<String> shown() {
            return statements.stream().map(Statement::shown).toList();
        }
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Work w = work(ctx, args, true);
        Map<String, Object> result = result(args, w);
        result.put("changed", !w.statements().isEmpty());
        if (w.statements().isEmpty()) {
            return new Change(ChangeKind.NONE, w.msg(), null, result, null);
        }
        ChangeKind kind = w.msg().equals("User added") ? ChangeKind.CREATE
                : w.msg().equals("User deleted") ? ChangeKind.REMOVE : ChangeKind.CHANGE;
        return new Change(kind, "would run " + String.join("; ", w.shown()), null, result, null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Work w = work(ctx, args, false);
        if (!w.statements().isEmpty()) {
            StringBuilder sql = new StringBuilder(SQL_MODE).append(";\n");
            for (Statement s : w.statements()) {
                sql.append(s.sql()).append(";\n");
            }
            run(ctx, args, sql.toString(), false);
        }
        return new ModuleResult(!w.statements().isEmpty(), false, w.msg(), result(args, w), null);
    }

    private static Map<String, Object> result(Args args, Work w) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user", args.string("name"));
        data.put("msg", w.msg());
        data.put("password_changed", w.passwordChanged());
        data.put("executed_commands", w.shown());
        return data;
    }

    private Work work(ModuleContext ctx, Args args, boolean readOnly) throws ModuleException, ConnectionException, InterruptedException {
        String account = quote(args.string("name")) + "@" + quote(args.string("host"));
        String password = args.string("password");
        String pwCheck = password == null ? "1" : "(plugin IN ('mysql_native_password', '') AND authentication_string = PASSWORD("
                + quote(password) + "))";
        List<List<Map<String, Object>>> probe = query(ctx, args, "SELECT " + pwCheck + " AS pw_ok FROM mysql.user WHERE User = "
                + quote(args.string("name")) + " AND Host = " + quote(args.string("host")) + ";\n", readOnly);
        boolean exists = !probe.isEmpty() && !probe.get(0).isEmpty();
        List<Statement> out = new ArrayList<>();
        if (args.string("state").equals("absent")) {
            if (exists) {
                out.add(plain("DROP USER " + account));
            }
            return new Work(out, false, exists ? "User deleted" : "User unchanged");
        }
        boolean pwChanged = false;
        if (!exists) {
            out.add(password == null ? plain("CREATE USER " + account)
                    : new Statement("CREATE USER " + account + " IDENTIFIED BY " + quote(password),
                    "CREATE USER " + account + " IDENTIFIED BY " + MASK));
            pwChanged = password != null;
        } else if (password != null && args.string("update_password").equals("always")
                && !"1".equals(String.valueOf(probe.get(0).get(0).get("pw_ok")))) {
            out.add(new Statement("ALTER USER " + account + " IDENTIFIED BY " + quote(password),
                    "ALTER USER " + account + " IDENTIFIED BY " + MASK));
            pwChanged = true;
        }
        if (args.has("priv")) {
            Privileges now = Privileges.fromGrants(exists ? grants(ctx, args, account, readOnly) : List.of());
            Privileges want = Privileges.parse(args.get("priv"));
            for (String sql : PrivilegeChanges.statements(now, want, args.bool("append_privs"), account)) {
                out.add(plain(sql));
            }
        }
        String msg = !exists ? "User added" : out.isEmpty() ? "User unchanged" : "User updated";
        return new Work(out, pwChanged, msg);
    }

    private List<String> grants(ModuleContext ctx, Args args, String account, boolean readOnly)
            throws ModuleException, ConnectionException, InterruptedException {
        List<String> lines = new ArrayList<>();
        for (List<Map<String, Object>> set : query(ctx, args, "SHOW GRANTS FOR " + account + ";\n", readOnly)) {
            for (Map<String, Object> row : set) {
                row.values().forEach(v -> lines.add(String.valueOf(v)));
            }
        }
        return lines;
    }

    private static Statement plain(String sql) {
        return new Statement(sql, sql);
    }

    private List<List<Map<String, Object>>> query(ModuleContext ctx, Args args, String sql, boolean readOnly)
            throws ModuleException, ConnectionException, InterruptedException {
        return XmlResultSets.parse(run(ctx, args, SQL_MODE + ";\n" + sql, readOnly).stdout());
    }

    private CommandResult run(ModuleContext ctx, Args args, String sql, boolean readOnly)
            throws ModuleException, ConnectionException, InterruptedException {
        CommandResult r = MysqlClient.run(ctx, MysqlLogin.from(args), MysqlClient.Program.QUERY,
                List.of("--xml", "--batch", "--default-character-set=utf8mb4"), "", "", sql, readOnly);
        if (r.exitCode() != 0) {
            String error = MysqlClient.error(r);
            String password = args.string("password");
            if (password != null && !password.isEmpty()) {
                error = error.replace(quote(password), MASK).replace(password, MASK);
            }
            throw new ModuleException("account " + args.string("name") + "@" + args.string("host") + ": " + error);
        }
        return r;
    }

    /** A string literal for a session with NO_BACKSLASH_ESCAPES: only the quote is doubled. */
    static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
