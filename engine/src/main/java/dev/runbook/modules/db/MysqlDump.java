package dev.runbook.modules.db;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
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
 * dump is written beside the target, verified, and renamed into place only then, so a failed dump
 * never looks like a backup. Dumps carry no statement the restoring user needs extra privileges
 * for (no LOCK TABLES, no ALTER TABLE ... DISABLE KEYS). An existing target is refused unless
 * {@code force}: a backup step that quietly keeps an old file would let a later restore bring
 * back old data.
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
                ArgSpec.optional("verify", ArgType.STRING, "tables", "Check the new dump before it replaces anything: "
                        + "'tables' (every table and view of the database is in the dump, which is complete), 'load' "
                        + "(also load it into a scratch database, which needs CREATE and DROP on databases named "
                        + "rb_verify_*), or 'none'.").withChoices("tables", "load", "none"),
                ArgSpec.optional("force", ArgType.BOOL, false, "Replace an existing target (only once the new dump "
                        + "succeeded and was verified). Without force an existing target is an error, never silently "
                        + "kept: give each backup its own name.")));
        args.addAll(MysqlLogin.ARGS);
        return new ModuleSpec("mysql_dump", "Dump a MariaDB/MySQL database to a file on the target with "
                + "mariadb-dump/mysqldump, in a form the same user can restore. Written atomically, verified, readable "
                + "only by its owner; an existing target is refused unless force.", args, false, """
                mysql_dump:
                  name: shop
                  target: /var/backups/shop-before-4.0.2.3.sql.gz
                  login_user: "{{ db_user }}"
                  login_password: "{{ db_password }}"
                """);
    }

    @Override
    public Footprint footprint(Args args) {
        // The plan's decision reads only the target: what the database holds is read when applying.
        return Footprint.on(Resource.path(args.string("target")));
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String target = args.string("target");
        String existing = existing(ctx, target);
        if (existing != null && !args.bool("force")) {
            throw refusal(target, existing);
        }
        return Change.of(existing == null ? ChangeKind.CREATE : ChangeKind.CHANGE, "would dump database "
                + args.string("name") + " to " + target + (existing == null ? "" : ", replacing the dump there (" + existing + ")")
                + verifyNote(args.string("verify")));
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String target = args.string("target");
        String existing = existing(ctx, target);
        if (existing != null && !args.bool("force")) {
            throw refusal(target, existing);
        }
        boolean gzip = args.has("compress") ? args.bool("compress") : target.endsWith(".gz");
        String db = args.string("name");
        MysqlLogin login = MysqlLogin.from(args);
        String tmp = temporary(ctx, target);
        try {
            CommandResult r = MysqlClient.run(ctx, login, MysqlClient.Program.DUMP, options(args),
                    new MysqlClient.Shell("", "", body(tmp, gzip)), null, false);
            if (r.exitCode() != 0) {
                throw new ModuleException("dump of " + db + " failed: " + MysqlClient.error(r));
            }
            String verified = DumpVerify.verify(ctx, new SqlRunner(ctx, login, false), db, tmp, args.string("verify"));
            CommandResult mv = ctx.run(CommandRequest.of(new Command.Shell("mv -f -- " + ShellQuote.quote(tmp) + " "
                    + ShellQuote.quote(target) + " && stat -c %s -- " + ShellQuote.quote(target))));
            if (!mv.ok()) {
                throw new ModuleException("cannot move the dump into place at " + target + ": " + mv.stderr().strip());
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("target", target);
            data.put("size", parseSize(mv.stdout()));
            data.put("compressed", gzip);
            data.put("verified", verified);
            data.put("replaced", existing != null);
            String msg = "dumped " + db + " to " + target + (existing == null ? "" : ", replacing the older dump (force)")
                    + "; " + verified;
            return new ModuleResult(true, false, msg, data, null);
        } finally {
            ctx.run(CommandRequest.of(new Command.Shell("rm -f -- " + ShellQuote.quote(tmp))));
        }
    }

    static List<String> options(Args args) {
        // No LOCK TABLES and no ALTER TABLE ... DISABLE KEYS in the dump: loading it then needs
        // only CREATE, DROP, INSERT (and the object privileges), which a shop's own user has.
        List<String> options = new ArrayList<>(List.of("--add-drop-table", "--hex-blob", "--default-character-set=utf8mb4",
                "--skip-add-locks", "--skip-disable-keys", "--no-tablespaces"));
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
        return options;
    }

    private static String verifyNote(String verify) {
        return switch (verify) {
            case "load" -> " and load it into a scratch database to verify it";
            case "tables" -> " and check that it holds every table";
            default -> "";
        };
    }

    private static ModuleException refusal(String target, String existing) {
        return new ModuleException(target + " already exists (" + existing + "); it is kept and no new dump was made. "
                + "Give each backup its own name (a date or version in the file name), or set force: true to replace it");
    }

    /** A new empty file beside the target, so the final rename is atomic; mode 0600 through mktemp. */
    private static String temporary(ModuleContext ctx, String target) throws ModuleException, ConnectionException,
            InterruptedException {
        CommandResult r = ctx.run(CommandRequest.of(new Command.Shell("mktemp \"$(dirname -- " + ShellQuote.quote(target)
                + ")/.runbook-dump.XXXXXX\"")));
        if (!r.ok() || r.stdout().isBlank()) {
            throw new ModuleException("cannot create a file beside " + target + " on " + ctx.host() + ": " + r.stderr().strip());
        }
        return r.stdout().strip();
    }

    /** Shell after the client command: its output into the temporary file, gzipped on the way when asked. */
    static String body(String tmp, boolean gzip) {
        String t = ShellQuote.quote(tmp);
        return gzip ? "> " + t + ".raw; rc=$?; if [ $rc -eq 0 ]; then gzip -c < " + t + ".raw > " + t + "; rc=$?; fi; rm -f "
                + t + ".raw; exit $rc" : "> " + t;
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

    /** "made 2026-11-29 12:00:00 UTC, 12345 bytes" for an existing file, null when there is none. */
    static String existing(ModuleContext ctx, String path) throws ModuleException, ConnectionException, InterruptedException {
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell("f=" + ShellQuote.quote(path)
                + "; if [ -d \"$f\" ]; then echo dir; elif [ -e \"$f\" ]; then TZ=UTC stat -c 'made %y UTC, %s bytes' -- \"$f\"; fi")));
        String out = r.stdout().strip();
        if (out.equals("dir")) {
            throw new ModuleException("target " + path + " is a directory; give the dump's file name, such as " + path + "/shop.sql.gz");
        }
        return out.isEmpty() ? null : out.replaceAll("\\.\\d+ \\+0000 UTC", " UTC");
    }
}
