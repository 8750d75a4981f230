package dev.runbook.modules.db;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
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
import java.util.List;
import java.util.Map;

/**
 * Loads a dump into a database: the way back after a failed upgrade. A restore is an action, not
 * a state, so it always reports changed; put it in a {@code run: on-failure} step.
 */
public final class MysqlRestore implements Module {
    private static final ModuleSpec SPEC = declaration();

    private static ModuleSpec declaration() {
        List<ArgSpec> args = new ArrayList<>(List.of(
                ArgSpec.required("name", ArgType.STRING, "The database to restore into.").withAliases("db", "login_db"),
                ArgSpec.required("src", ArgType.STRING, "The dump file on the target (.gz is decompressed)."),
                ArgSpec.optional("recreate", ArgType.BOOL, true, "Drop and create the database first, so tables "
                        + "the failed upgrade added do not survive the restore.")));
        args.addAll(MysqlLogin.ARGS);
        return new ModuleSpec("mysql_restore", "Restore a MariaDB/MySQL database from a dump file on the target, "
                + "through the target's client. Always a change; credentials never appear on a command line.",
                args, false, """
                mysql_restore:
                  name: shop
                  src: /var/backups/shop.sql.gz
                  login_user: "{{ db_user }}"
                  login_password: "{{ db_password }}"
                """);
    }

    @Override
    public Footprint footprint(Args args) {
        Resource db = MysqlLogin.from(args).database(args.string("name"));
        return new Footprint(List.of(db, Resource.path(args.string("src"))), List.of(db));
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String src = args.string("src");
        if (!MysqlDump.exists(ctx, src)) {
            // In a plan the dump is often made by an earlier step that has not run yet.
            return Change.unknown("would restore " + args.string("name") + " from " + src + " (not there now)");
        }
        return Change.of(ChangeKind.CHANGE, "would restore database " + args.string("name") + " from " + src);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String src = args.string("src");
        String db = args.string("name");
        if (!MysqlDump.exists(ctx, src)) {
            throw new ModuleException("dump not found on the target: " + src);
        }
        String ident = "`" + db.replace("`", "``") + "`";
        StringBuilder sql = new StringBuilder();
        if (args.bool("recreate")) {
            sql.append("DROP DATABASE IF EXISTS ").append(ident).append(";\n");
        }
        sql.append("CREATE DATABASE IF NOT EXISTS ").append(ident).append(";\n");
        // The prepared statements go first on stdin; the dump follows through a second client
        // call, both reading the same credentials file.
        String reader = (src.endsWith(".gz") ? "gzip -dc < " : "cat < ") + ShellQuote.quote(src);
        String body = "--batch && " + reader + " | \"$c\" --defaults-extra-file=\"${f:-/dev/null}\" --batch "
                + ShellQuote.quote("--database=" + db);
        MysqlLogin login = MysqlLogin.from(args);
        if (login.optionFile().isEmpty() && login.configFile() != null) {
            body = "--batch && " + reader + " | \"$c\" --defaults-extra-file=" + ShellQuote.quote(login.configFile())
                    + " --batch " + ShellQuote.quote("--database=" + db);
        }
        CommandResult r = MysqlClient.run(ctx, login, MysqlClient.Program.QUERY, List.of(), "", body, sql.toString(), false);
        if (r.exitCode() != 0) {
            throw new ModuleException("restore of " + db + " from " + src + " failed: " + MysqlClient.error(r));
        }
        return ModuleResult.changed("restored " + db + " from " + src).withData(Map.of("src", src, "name", db));
    }
}
