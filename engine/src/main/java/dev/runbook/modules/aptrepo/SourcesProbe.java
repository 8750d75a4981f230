package dev.runbook.modules.aptrepo;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One read-only round trip that reads apt's source files: sources.list, sources.list.d/*.list
 * and *.sources, each with its mode. Paths are the host's (without the root they live under).
 */
record SourcesProbe(Map<String, String> contents, Map<String, Integer> modes) {
    static final String LIST = "/etc/apt/sources.list";
    static final String PARTS = "/etc/apt/sources.list.d";

    static SourcesProbe run(ModuleContext ctx, String root) throws ModuleException, ConnectionException, InterruptedException {
        String r = root == null ? "" : root.replaceAll("/+$", "");
        String q = ShellQuote.quote(r);
        String script = "for f in " + q + LIST + " " + q + PARTS + "/*.list " + q + PARTS + "/*.sources; do\n"
                + "  [ -f \"$f\" ] || continue\n"
                + "  printf '%s\\n%s\\n' \"$f\" \"$(stat -c %a -- \"$f\")\"\n"
                + "  base64 -w0 < \"$f\" || exit 2\n  printf '\\n'\ndone\n";
        CommandResult out = ctx.run(CommandRequest.readOnly(new Command.Shell(script)));
        if (!out.ok()) {
            throw new ModuleException("could not read apt's sources on " + ctx.host() + ": " + out.stderr().strip());
        }
        return parse(out.stdout(), r);
    }

    static SourcesProbe parse(String out, String root) {
        Map<String, String> contents = new LinkedHashMap<>();
        Map<String, Integer> modes = new LinkedHashMap<>();
        String[] lines = out.split("\n", -1);
        for (int i = 0; i + 2 < lines.length; i += 3) {
            String path = lines[i].substring(root.length());
            contents.put(path, new String(Base64.getDecoder().decode(lines[i + 2].strip()), StandardCharsets.UTF_8));
            modes.put(path, Integer.parseInt(lines[i + 1].strip(), 8));
        }
        return new SourcesProbe(contents, modes);
    }

    /** The one-line files only (what Ansible's apt_repository reads and writes). */
    Map<String, String> oneLine() {
        Map<String, String> out = new LinkedHashMap<>();
        contents.forEach((p, t) -> {
            if (!p.endsWith(".sources")) {
                out.put(p, t);
            }
        });
        return out;
    }
}
