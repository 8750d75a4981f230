package dev.runbook.connection;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds the one {@code /bin/sh} line a shell-only transport (SSH, sudo) runs for a request:
 * {@code cd 'dir' && env 'A=b' cmd...}. Every piece is quoted with {@link ShellQuote}, so
 * paths and values holding spaces, quotes, {@code $} or newlines reach the command unchanged.
 */
public final class ShellLine {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ShellLine() {
    }

    public static String of(Command command, Map<String, String> env, String cwd) {
        StringBuilder sb = new StringBuilder();
        if (cwd != null && !cwd.isEmpty()) {
            sb.append("cd ").append(ShellQuote.quote(cwd)).append(" && ");
        }
        if (!env.isEmpty()) {
            sb.append("env");
            // sorted so that the same request always gives the same line
            for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
                if (!NAME.matcher(e.getKey()).matches()) {
                    throw new IllegalArgumentException("invalid environment variable name '" + e.getKey()
                            + "': use letters, digits and '_', not starting with a digit");
                }
                sb.append(' ').append(ShellQuote.quote(e.getKey() + "=" + e.getValue()));
            }
            sb.append(' ');
        }
        return sb.append(command.toShellLine()).toString();
    }

    public static String of(CommandRequest request) {
        return of(request.command(), request.env(), request.cwd());
    }

    /**
     * Wraps a line in coreutils {@code timeout} when the host has it: on expiry it signals the
     * command's whole process group (TERM, then KILL 2 s later) and exits 124.
     */
    public static String withTimeout(String line, Duration timeout) {
        if (timeout.isZero()) {
            return line;
        }
        String secs = String.format(Locale.ROOT, "%.3f", timeout.toMillis() / 1000.0);
        String inner = ShellQuote.quote(line);
        return "if command -v timeout >/dev/null 2>&1; then exec timeout -k 2 " + secs + " /bin/sh -c " + inner
                + "; else exec /bin/sh -c " + inner + "; fi";
    }
}
