package dev.runbook.modules.db;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a dump file holds, read on the target without loading it: the tables and views it creates,
 * whether it has triggers, routines and events, the statements that need privileges of their own
 * (LOCK TABLES, ALTER TABLE), the definers it names and any database it switches to. Reads the
 * statement lines of a mysqldump/mariadb-dump file (gzip or plain); data lines never start with
 * these words because the dump escapes line breaks inside values.
 *
 * @param complete  the file ends with mysqldump's "-- Dump completed" line
 */
record DumpScan(Set<String> tables, Set<String> views, boolean triggers, boolean routines, boolean events,
                boolean locks, boolean alters, Set<String> definers, Set<String> databases, boolean complete) {
    private static final String NAME = "`((?:[^`]|``)+)`";
    private static final Pattern TABLE = Pattern.compile("^CREATE TABLE " + NAME);
    private static final Pattern VIEW = Pattern.compile("^/\\*!50001 (?:CREATE (?:[A-Z=_ ]+ )?)?VIEW " + NAME);
    private static final Pattern DEFINER = Pattern.compile("DEFINER=(`(?:[^`]|``)*`@`(?:[^`]|``)*`)");
    private static final Pattern USE = Pattern.compile("^(?:USE|CREATE DATABASE(?: /\\*!32312 IF NOT EXISTS\\*/)?) " + NAME);

    DumpScan {
        tables = Set.copyOf(tables);
        views = Set.copyOf(views);
        definers = Set.copyOf(definers);
        databases = Set.copyOf(databases);
    }

    /** The shell command printing the dump's SQL: gunzipped when it starts with gzip's magic bytes. */
    static String reader(String src) {
        String f = ShellQuote.quote(src);
        return "{ case \"$(head -c 2 " + f + " | od -An -tx1 | tr -d ' \\n')\" in 1f8b) gzip -dc < " + f
                + ";; *) cat < " + f + ";; esac; }";
    }

    static String script(String src) {
        String f = ShellQuote.quote(src);
        return "test -r " + f + " || { echo 'cannot read '" + f + " >&2; exit 3; }\n"
                + "case \"$(head -c 2 " + f + " | od -An -tx1 | tr -d ' \\n')\" in 1f8b) gzip -t < " + f
                + " || { echo 'the gzip file is damaged or cut short' >&2; exit 4; };; esac\n"
                + reader(src) + " | grep -a -E '^(CREATE |/\\*!50001 |/\\*!50003 CREATE|/\\*!50106 CREATE|/\\*!50013 "
                + "|LOCK TABLES|ALTER TABLE|/\\*!40000 ALTER TABLE|USE |-- Dump completed)' | cut -c 1-400\n";
    }

    static DumpScan probe(ModuleContext ctx, String src) throws ModuleException, ConnectionException, InterruptedException {
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(script(src))));
        if (r.exitCode() != 0 && r.exitCode() != 1) {
            String why = r.stderr().isBlank() ? "exit status " + r.exitCode() : r.stderr().strip();
            throw new ModuleException("cannot read the dump " + src + " on " + ctx.host() + ": " + why);
        }
        return parse(r.stdout());
    }

    static DumpScan parse(String lines) {
        Set<String> tables = new TreeSet<>();
        Set<String> views = new TreeSet<>();
        Set<String> definers = new LinkedHashSet<>();
        Set<String> databases = new LinkedHashSet<>();
        boolean triggers = false;
        boolean routines = false;
        boolean events = false;
        boolean locks = false;
        boolean alters = false;
        boolean complete = false;
        for (String line : lines.split("\n")) {
            Matcher m;
            if ((m = TABLE.matcher(line)).find()) {
                tables.add(unquote(m.group(1)));
            } else if ((m = VIEW.matcher(line)).find()) {
                views.add(unquote(m.group(1)));
            } else if ((m = USE.matcher(line)).find()) {
                databases.add(unquote(m.group(1)));
            }
            triggers |= line.matches("^/\\*!50003 CREATE\\*/.*TRIGGER.*") || line.matches("^CREATE (DEFINER=\\S+ )?TRIGGER .*");
            routines |= line.matches("^CREATE (DEFINER=\\S+ )?(PROCEDURE|FUNCTION) .*")
                    || line.matches("^/\\*!50003 CREATE\\*/.*(PROCEDURE|FUNCTION).*");
            events |= line.startsWith("/*!50106 CREATE*/");
            locks |= line.startsWith("LOCK TABLES");
            alters |= line.startsWith("ALTER TABLE") || line.startsWith("/*!40000 ALTER TABLE");
            complete |= line.startsWith("-- Dump completed");
            m = DEFINER.matcher(line);
            while (m.find()) {
                definers.add(m.group(1).replace("`", ""));
            }
        }
        views.forEach(tables::remove);
        return new DumpScan(tables, views, triggers, routines, events, locks, alters, definers, databases, complete);
    }

    /** Every object name the dump creates in place of a table (tables and views). */
    Set<String> relations() {
        Set<String> all = new TreeSet<>(tables);
        all.addAll(views);
        return all;
    }

    /** Database-level privileges the dump's own statements need, beyond the restore's. */
    List<String> privileges() {
        List<String> p = new java.util.ArrayList<>();
        if (locks) {
            p.add("LOCK TABLES");
        }
        if (!views.isEmpty()) {
            p.add("CREATE VIEW");
        }
        if (triggers) {
            p.add("TRIGGER");
        }
        if (routines) {
            p.add("CREATE ROUTINE");
            p.add("ALTER ROUTINE");
        }
        if (events) {
            p.add("EVENT");
        }
        return p;
    }

    private static String unquote(String name) {
        return name.replace("``", "`");
    }
}
