package dev.runbook.inventory;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One INI host line: {@code NAME[:PORT] [key=value ...]}, split like a shell line, the name
 * possibly a range, each value a Python literal.
 */
final class IniHostLine {
    private IniHostLine() {
    }

    static void add(InventoryBuilder b, String group, String line, SourceSpan at) {
        List<String> tokens;
        try {
            tokens = Shlex.split(line);
        } catch (Shlex.BadLine e) {
            throw UserInputException.of(at, "cannot read host line '" + line + "': " + e.getMessage(), "");
        }
        if (tokens.isEmpty()) {
            return;
        }
        HostAddress address = hostPattern(tokens.get(0), at);
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String token : tokens.subList(1, tokens.size())) {
            int eq = token.indexOf('=');
            if (eq < 0) {
                throw UserInputException.of(column(at, line, token), "expected key=value after the host name, got '" + token + "'",
                        token.startsWith(";") ? "comments on a host line start with '#', not ';'"
                                : "quote values that contain spaces: key=\"two words\"");
            }
            vars.put(token.substring(0, eq), PythonLiteral.value(token.substring(eq + 1)));
        }
        for (String host : expand(address.host(), at)) {
            b.addHost(host, group, address.port());
            vars.forEach((k, v) -> b.setHostVar(host, k, v));
        }
    }

    /** Where {@code token} is on the line, when it appears there as written (unquoted). */
    private static SourceSpan column(SourceSpan line, String text, String token) {
        int i = text.indexOf(" " + token);
        return i < 0 ? line : SourceSpan.of(line.file(), line.line(), line.column() + i + 1);
    }

    /** The host (or range) and port, as Ansible reads them; text it cannot read stays whole. */
    static HostAddress hostPattern(String pattern, SourceSpan at) {
        HostAddress address = HostAddress.parse(pattern).orElse(new HostAddress(pattern, null));
        if (pattern.strip().endsWith(":") && address.port() == null) {
            throw UserInputException.of(at, "host '" + pattern + "' ends with ':', which must be followed by a port number",
                    "");
        }
        return address;
    }

    static List<String> expand(String host, SourceSpan at) {
        try {
            List<String> names = HostRange.expand(host);
            if (names.contains("---")) {
                throw UserInputException.of(at, "'---' starts a YAML document, but this file was read as INI: "
                        + "a YAML inventory starts with a group name and ':', like 'all:'", "");
            }
            return names;
        } catch (HostRange.BadRange e) {
            throw UserInputException.of(at, "bad host range in '" + host + "': " + e.getMessage(), "");
        }
    }
}
