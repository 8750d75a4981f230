package dev.runbook.modules.db;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A full dump (schema, data, routines, triggers) of one database to a file on the target. The
 * dump is written beside the target and renamed into place only when the client succeeded, so a
 * failed dump never looks like a backup. An existing target is a finished dump (idempotent)
 * unless {@code force}.
 */
public final class MysqlDump implements Module {
    private static final ModuleSpec SPEC = declaration();

    private static ModuleSpec declaration() {
        List<ArgSpec> args = new ArrayList<>(List.of(
                ArgSpec.required("name", ArgType.STRING, "The database to dump.").withAliases("db", "login_db"),
                ArgSpec.required("target", ArgType.STRING, "Path of the dump file on the target."),
                ArgSpec.optional("compress", ArgType.BOOL, null, "gzip the dump. Default: when target ends in .gz."),
                ArgSpec.optional("single_transaction", ArgType.BOOL, true,
                        "A consistent snapshot of InnoDB tables without locking them (--single-transaction)."),
                ArgSpec.optional("routines", ArgType.BOOL, true, "Include stored procedures and functions."),
                ArgSpec.optional("triggers", ArgType.BOOL, true, "Include triggers."),
                ArgSpec.optional("events", ArgType.BOOL, false, "Include scheduled events."),
                ArgSpec.optional("force", ArgType.BOOL, false,
                        "Dump again even when target exists (it is replaced only once the new dump succeeded).")));
        args.addAll(MysqlLogin.ARGS);
        return new ModuleSpec("mysql_dump", "Dump a MariaDB/MySQL database to a file on the target with "
                + "mariadb-dump/mysqldump. Written atomically, readable only by its owner; an existing dump is "
                + "kept unless force.", args, false, """
                mysql_dump:
                  name: shop
                  target: "/var/backups/shop-{{ runbook_run_id }}.sql.gz"
                  login_user: "{{ db_user }}"
                  login_password: "{{ db_password }}"
                """);
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String target = args.string("target");
        if (exists(ctx, target) && !args.bool("force")) {
            return Change.none(target + " exists").withResult(Map.of("changed", false, "target", target));
        }
        return Change.of(ChangeKind.CREATE, "would dump database " + args.string("name") + " to " + target);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String target = args.string("target");
        if (exists(ctx, target) && !args.bool("force")) {
            return ModuleResult.ok(target + " exists").withData(Map.of("target", target));
        }
        boolean gzip = args.has("compress") ? args.bool("compress") : target.endsWith(".gz");
        List<String> options = new ArrayList<>(List.of("--add-drop-table", "--hex-blob", "--default-character-set=utf8mb4"));
        if (args.bool("single_transaction")) {
            options.add("--single-transaction");
        }
        options.add(args.bool("routines") ? "--routines" : "--skip-routines");
        options.add(args.bool("triggers") ? "--triggers" : "--skip-triggers");
        if (args.bool("events")) {
            options.add("--events");
        }
        // No --databases: the dump then carries no CREATE DATABASE / USE, so it can be restored
        // into a database of another name (a staging copy, say).
        options.add(args.string("name"));
        CommandResult r = MysqlClient.run(ctx, MysqlLogin.from(args), MysqlClient.Program.DUMP, options,
                prelude(target, gzip), body(target, gzip), null, false);
        if (r.exitCode() != 0) {
            throw new ModuleException("dump of " + args.string("name") + " failed: " + MysqlClient.error(r));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("target", target);
        data.put("size", parseSize(r.stdout()));
        data.put("compressed", gzip);
        return new ModuleResult(true, false, "dumped " + args.string("name") + " to " + target, data, null);
    }

    /** Shell before the client: temporary files beside the target, so the final rename is atomic. */
    static String prelude(String target, boolean gzip) {
        String t = ShellQuote.quote(target);
        String mk = "$(mktemp \"$(dirname -- " + t + ")/.runbook-dump.XXXXXX\") || exit 1";
        return "tmp=" + mk + (gzip ? "\nraw=" + mk : "");
    }

    /**
     * Shell after the client command: output into the temporary file; only the client's own exit
     * status decides whether the result is renamed over the target.
     */
    static String body(String target, boolean gzip) {
        String t = ShellQuote.quote(target);
        String save = gzip
                ? "> \"$raw\"; rc=$?; if [ $rc -eq 0 ]; then gzip -c < \"$raw\" > \"$tmp\"; rc=$?; fi; rm -f \"$raw\"; "
                : "> \"$tmp\"; rc=$?; ";
        return save + "if [ $rc -ne 0 ]; then rm -f \"$tmp\"; exit $rc; fi; mv -f \"$tmp\" " + t + " && stat -c %s " + t;
    }

    private static long parseSize(String stdout) {
        String last = stdout.strip();
        int nl = last.lastIndexOf('\n');
        last = nl >= 0 ? last.substring(nl + 1) : last;
        try {
            return Long.parseLong(last.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static boolean exists(ModuleContext ctx, String path) throws ConnectionException, InterruptedException {
        CommandResult r = ctx.run(CommandRequest.readOnly(Command.Argv.of("test", "-e", path)));
        return r.exitCode() == 0;
    }
}
