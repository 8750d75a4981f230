package dev.runbook.modules.archive;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A download made by the target itself with curl or wget, into a temporary file beside dest.
 * Headers (which may carry tokens) reach the tool through standard input, never its command line.
 */
final class TargetDownload {
    private TargetDownload() {
    }

    /** The temporary file on the target and the sha256 of what arrived. */
    record Fetched(String tmp, String sha256) {
    }

    /** The first of {@code tools} installed on the target, or a clear failure. */
    static String tool(ModuleContext ctx, List<String> tools) throws ModuleException, ConnectionException, InterruptedException {
        StringBuilder s = new StringBuilder();
        for (String t : tools) {
            s.append("command -v ").append(ShellQuote.quote(t)).append(" >/dev/null 2>&1 && { echo ")
                    .append(ShellQuote.quote(t)).append("; exit 0; }\n");
        }
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(s + "exit 1")));
        if (!r.ok()) {
            throw new ModuleException("neither " + String.join(" nor ", tools) + " is installed on " + ctx.host()
                    + "; install curl there, or download on the controller with from: controller");
        }
        return r.stdout().strip();
    }

    static Fetched fetch(ModuleContext ctx, String tool, String url, Map<String, Object> headers, Duration timeout,
                         String dest) throws ModuleException, ConnectionException, InterruptedException {
        String mk = "tmp=$(mktemp \"$(dirname -- " + ShellQuote.quote(dest) + ")/.runbook-get.XXXXXX\") || exit 1\n";
        long secs = Math.max(1, timeout.toSeconds());
        String script;
        byte[] stdin;
        if (tool.equals("wget")) {
            script = mk + "cfg=$(mktemp) || exit 1\ncat > \"$cfg\"\nWGETRC=\"$cfg\" wget -nv -T " + secs + " -O \"$tmp\" -- "
                    + ShellQuote.quote(url) + "\nrc=$?\nrm -f \"$cfg\"\n";
            stdin = wgetrc(headers).getBytes(StandardCharsets.UTF_8);
        } else {
            script = mk + "curl -fsSL --max-time " + secs + " -K - -o \"$tmp\"\nrc=$?\n";
            stdin = curlConfig(url, headers).getBytes(StandardCharsets.UTF_8);
        }
        script += "if [ $rc -ne 0 ]; then rm -f \"$tmp\"; exit $rc; fi\nprintf '%s\\n' \"$tmp\"\nsha256sum < \"$tmp\" | cut -d' ' -f1\n";
        CommandResult r = ctx.run(CommandRequest.of(new Command.Shell(script)).withStdin(stdin));
        if (!r.ok()) {
            String why = r.timedOut() ? "timed out" : r.stderr().isBlank() ? tool + " exit code " + r.exitCode() : r.stderr().strip();
            throw new ModuleException("download of " + url + " on " + ctx.host() + " failed: " + why);
        }
        String[] lines = r.stdout().strip().split("\n");
        return new Fetched(lines[0], lines[lines.length - 1].strip());
    }

    /** curl's config syntax: double-quoted values with backslash escapes. */
    static String curlConfig(String url, Map<String, Object> headers) throws ModuleException {
        StringBuilder sb = new StringBuilder("url = ").append(curlQuote(url)).append('\n');
        for (Map.Entry<String, Object> h : headers.entrySet()) {
            sb.append("header = ").append(curlQuote(header(h))).append('\n');
        }
        return sb.toString();
    }

    private static String wgetrc(Map<String, Object> headers) throws ModuleException {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> h : headers.entrySet()) {
            sb.append("header = ").append(header(h)).append('\n');
        }
        return sb.toString();
    }

    private static String header(Map.Entry<String, Object> h) throws ModuleException {
        String line = h.getKey() + ": " + h.getValue();
        if (line.contains("\n") || line.contains("\r")) {
            throw new ModuleException("header '" + h.getKey() + "' holds a line break; a header value is one line");
        }
        return line;
    }

    private static String curlQuote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
