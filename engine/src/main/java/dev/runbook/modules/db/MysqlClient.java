package dev.runbook.modules.db;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ModuleContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs the target's mariadb/mysql clients. The script reads the option file's exact byte count
 * from stdin into a 0600 temporary file (removed on exit), then hands the rest of stdin (SQL, for
 * the query client) to the client. The password is therefore never in argv or the environment.
 */
final class MysqlClient {
    /** Which client program, found on the target. */
    enum Program {
        QUERY("mariadb", "mysql"),
        DUMP("mariadb-dump", "mysqldump");

        final String preferred;
        final String fallback;

        Program(String preferred, String fallback) {
            this.preferred = preferred;
            this.fallback = fallback;
        }
    }

    private MysqlClient() {
    }

    /**
     * Runs {@code program} with {@code options}. {@code prelude} is shell run before the client,
     * {@code body} a fragment right after the client command (e.g. a redirection); both may be
     * empty. {@code input} goes to the client's stdin.
     */
    static CommandResult run(ModuleContext ctx, MysqlLogin login, Program program, List<String> options,
                             String prelude, String body, String input, boolean readOnly) throws ConnectionException, InterruptedException {
        return run(ctx, login, program, options, new Shell(prelude, "", body), input, readOnly);
    }

    /**
     * Shell around the client command: {@code prelude} runs before it, {@code feed} is a command
     * whose output is piped into the client (instead of the rest of stdin), {@code body} follows
     * it (e.g. a redirection). Each may be empty.
     */
    record Shell(String prelude, String feed, String body) {
        static Shell feeding(String command) {
            return new Shell("", command, "");
        }
    }

    static CommandResult run(ModuleContext ctx, MysqlLogin login, Program program, List<String> options, Shell shell,
                             String input, boolean readOnly) throws ConnectionException, InterruptedException {
        byte[] cnf = login.optionFile().getBytes(StandardCharsets.UTF_8);
        byte[] sql = input == null ? new byte[0] : input.getBytes(StandardCharsets.UTF_8);
        byte[] stdin = new byte[cnf.length + sql.length];
        System.arraycopy(cnf, 0, stdin, 0, cnf.length);
        System.arraycopy(sql, 0, stdin, cnf.length, sql.length);
        String script = script(program, login, options, shell, cnf.length);
        CommandRequest req = new CommandRequest(new Command.Shell(script), stdin, null, null, null, readOnly, null);
        return ctx.run(req);
    }

    static String script(Program program, MysqlLogin login, List<String> options, Shell shell, int cnfBytes) {
        StringBuilder s = new StringBuilder();
        s.append("c=$(command -v ").append(program.preferred).append(" || command -v ").append(program.fallback)
                .append(") || { echo 'neither ").append(program.preferred).append(" nor ").append(program.fallback)
                .append(" is installed on this host' >&2; exit 127; }\n");
        s.append("umask 077\n");
        String defaults = "";
        if (cnfBytes > 0) {
            s.append("f=$(mktemp) || exit 1\ntrap 'rm -f \"$f\"' EXIT\nhead -c ").append(cnfBytes).append(" > \"$f\"\n");
            defaults = "--defaults-extra-file=\"$f\" ";
        } else if (login.configFile() != null) {
            defaults = "--defaults-extra-file=" + ShellQuote.quote(login.configFile()) + " ";
        }
        if (!shell.prelude().isEmpty()) {
            s.append(shell.prelude()).append('\n');
        }
        if (!shell.feed().isEmpty()) {
            s.append(shell.feed()).append(" | ");
        }
        s.append("\"$c\" ").append(defaults).append(ShellQuote.join(options));
        if (!shell.body().isEmpty()) {
            s.append(' ').append(shell.body());
        }
        s.append('\n');
        return s.toString();
    }

    /** The client's error, without the banner lines it prints around the failing statement. */
    static String error(CommandResult r) {
        StringBuilder sb = new StringBuilder();
        for (String line : r.stderr().split("\n")) {
            if (!line.isBlank() && !line.startsWith("-----")) {
                sb.append(sb.length() == 0 ? "" : "\n").append(line);
            }
        }
        return sb.length() == 0 ? "exit status " + r.exitCode() : sb.toString();
    }
}
