package dev.runbook.modules.db;

import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Resource;
import java.util.List;

/**
 * How the database modules log in. Credentials never reach a command line, a process list or a
 * log: they travel on the command's stdin into an option file that only its owner can read,
 * which exists only while the client runs.
 */
record MysqlLogin(String host, Long port, String user, String password, String socket, String configFile) {

    static final List<ArgSpec> ARGS = List.of(
            ArgSpec.optional("login_host", ArgType.STRING, null, "Database server host, as seen from the target. "
                    + "Unset: the client's default (the local socket)."),
            ArgSpec.optional("login_port", ArgType.INT, null, "Database server TCP port."),
            ArgSpec.optional("login_user", ArgType.STRING, null, "User to log in as."),
            ArgSpec.optional("login_password", ArgType.STRING, null, "Password of login_user.").asSecret(),
            ArgSpec.optional("login_unix_socket", ArgType.STRING, null, "Unix socket of a local server."),
            ArgSpec.optional("config_file", ArgType.STRING, null,
                    "An option file on the target to read credentials from (e.g. /root/.my.cnf)."));

    static MysqlLogin from(Args args) {
        return new MysqlLogin(args.string("login_host"), args.integer("login_port"), args.string("login_user"),
                args.string("login_password"), args.string("login_unix_socket"), args.string("config_file"));
    }

    /** The database {@code name} (null: the whole server) on the server these settings reach. */
    Resource database(String name) {
        return Resource.database(host, port, socket, name);
    }

    /** The [client] option file holding these credentials, or empty when nothing was given. */
    String optionFile() {
        StringBuilder sb = new StringBuilder();
        append(sb, "host", host);
        append(sb, "port", port == null ? null : String.valueOf(port));
        append(sb, "user", user);
        append(sb, "password", password);
        append(sb, "socket", socket);
        return sb.length() == 0 ? "" : "[client]\n" + sb;
    }

    private static void append(StringBuilder sb, String key, String value) {
        if (value != null) {
            sb.append(key).append("=\"").append(value.replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n")).append("\"\n");
        }
    }
}
