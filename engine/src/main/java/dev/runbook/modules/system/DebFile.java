package dev.runbook.modules.system;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;

/** apt's {@code deb} argument: a package file on the target, or a URL downloaded there first. */
final class DebFile {
    private DebFile() {
    }

    /** A path apt-get reads as a file, not a package name. */
    static String path(String deb) {
        if (deb == null) {
            return null;
        }
        return deb.startsWith("/") || deb.startsWith("./") || deb.startsWith("../") ? deb : "./" + deb;
    }

    /** Downloads the .deb into a new temporary directory on the target, with curl or wget. */
    static String download(ModuleContext ctx, String url) throws ModuleException, ConnectionException, InterruptedException {
        String file = url.replaceAll("[?#].*$", "").replaceAll("^.*/", "");
        file = file.endsWith(".deb") && file.matches("[A-Za-z0-9._+~-]+") ? file : "package.deb";
        String q = ShellQuote.quote(url);
        String script = "d=$(mktemp -d) || exit 1; f=\"$d\"/" + file + "; "
                + "if command -v curl >/dev/null 2>&1; then curl -fsSL -o \"$f\" " + q + "; else wget -q -O \"$f\" " + q + "; fi"
                + " || { rm -rf \"$d\"; exit 1; }; echo \"$f\"";
        CommandResult r = ctx.run(CommandRequest.of(new Command.Shell(script)));
        if (r.exitCode() != 0) {
            throw new ModuleException("cannot download " + url + " on " + ctx.host() + ": " + PackageBackend.errorOf(r, "curl:"));
        }
        return r.stdout().strip();
    }
}
