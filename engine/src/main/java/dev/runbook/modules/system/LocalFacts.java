package dev.runbook.modules.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ModuleContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ansible's local facts: every {@code NAME.fact} file in the fact path, its output when it is
 * executable, else its content, read as JSON, else as INI (sections of key=value), else reported as
 * Ansible reports a file it cannot read.
 */
final class LocalFacts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "@@runbook-fact ";

    private LocalFacts() {
    }

    static Map<String, Object> gather(ModuleContext ctx, String dir) throws ConnectionException, InterruptedException {
        String script = "for f in " + ShellQuote.quote(dir) + "/*.fact; do [ -f \"$f\" ] || continue; "
                + "n=${f##*/}; echo \"" + MARK + "${n%.fact}\"; if [ -x \"$f\" ]; then \"$f\" 2>/dev/null; else cat \"$f\"; fi; echo; done";
        String out = ctx.run(CommandRequest.readOnly(new Command.Shell(script))).stdout();
        Map<String, Object> facts = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : (out + MARK + "\n").split("\n", -1)) {
            if (line.startsWith(MARK)) {
                if (name != null) {
                    facts.put(name, parse(body.toString()));
                }
                name = line.substring(MARK.length()).trim();
                body.setLength(0);
            } else {
                body.append(line).append('\n');
            }
        }
        return facts;
    }

    static Object parse(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (java.io.IOException notJson) {
            Map<String, Object> ini = ini(text);
            return ini != null ? ini : "error loading facts as JSON or ini - please check content: " + text.strip();
        }
    }

    /** Sections of key=value (or key: value) lines; null when the text is not INI. */
    static Map<String, Object> ini(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> section = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = new LinkedHashMap<>();
                out.put(line.substring(1, line.length() - 1).strip(), section);
                continue;
            }
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            int at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (section == null || at <= 0) {
                return null;
            }
            section.put(line.substring(0, at).strip().toLowerCase(java.util.Locale.ROOT), line.substring(at + 1).strip());
        }
        return out.isEmpty() && !text.isBlank() ? null : out;
    }
}
