package dev.runbook.modules.files;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One read-only shell round trip that stats any number of paths (given on stdin, so no length
 * limit and nothing in argv), optionally checksums regular files, and resolves an owner and a
 * group to ids. Needs GNU coreutils' {@code stat} on the host.
 */
public final class FileProbe {
    private static final String FORMAT = "%f %u %g %i %d %s %Y %U %G";

    private FileProbe() {
    }

    /** What to ask: the paths, optional owner and group to resolve, optional checksum program. */
    public record Query(List<String> paths, String owner, String group, String checksum) {
        public Query {
            paths = List.copyOf(paths);
        }

        public static Query of(String... paths) {
            return new Query(List.of(paths), null, null, null);
        }

        public Query withIds(String wantOwner, String wantGroup) {
            return new Query(paths, wantOwner, wantGroup, checksum);
        }

        public Query withChecksum(String program) {
            return new Query(paths, owner, group, program);
        }
    }

    public static Probe run(ModuleContext ctx, Query q) throws ModuleException, ConnectionException, InterruptedException {
        StringBuilder stdin = new StringBuilder();
        for (String p : q.paths()) {
            if (p.isEmpty() || p.contains("\n")) {
                throw new ModuleException("path must be non-empty and on one line, got '" + p.replace("\n", "\\n") + "'");
            }
            stdin.append(p).append('\n');
        }
        CommandRequest req = CommandRequest.readOnly(new Command.Shell(script(q)))
                .withStdin(stdin.toString().getBytes(StandardCharsets.UTF_8));
        CommandResult r = ctx.run(req);
        if (!r.ok()) {
            throw new ModuleException("could not inspect " + String.join(", ", q.paths()) + " on " + ctx.host()
                    + ": " + (r.timedOut() ? "timed out" : r.stderr().strip()));
        }
        try {
            return parse(q.paths(), r.stdout());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // Not GNU stat, or a path vanished between test and stat: say so instead of a stack trace.
            throw new ModuleException("unexpected answer inspecting " + String.join(", ", q.paths()) + " on " + ctx.host()
                    + " (the file modules need GNU coreutils' stat): " + e.getMessage(), e);
        }
    }

    /** The probe script; paths come on stdin, one per line. */
    static String script(Query q) {
        String f = ShellQuote.quote(FORMAT);
        StringBuilder sb = new StringBuilder();
        sb.append("printf 'U %s\\n' \"$(umask)\"\n");
        if (q.owner() != null) {
            sb.append(idLookup("O", "passwd", q.owner()));
        }
        if (q.group() != null) {
            sb.append(idLookup("G", "group", q.group()));
        }
        sb.append("sum=").append(q.checksum() == null ? "''" : ShellQuote.quote(q.checksum())).append("\ni=0\n")
          .append("while IFS= read -r p; do\n")
          .append("  if [ -L \"$p\" ]; then\n")
          .append("    printf '%s L %s\\n' $i \"$(stat -c ").append(f).append(" -- \"$p\")\"\n")
          .append("    printf '%s T %s\\n' $i \"$(readlink -- \"$p\")\"\n")
          .append("    if [ -e \"$p\" ]; then printf '%s F %s\\n' $i \"$(stat -L -c ").append(f).append(" -- \"$p\")\"; fi\n")
          .append("  elif [ -e \"$p\" ]; then printf '%s F %s\\n' $i \"$(stat -c ").append(f).append(" -- \"$p\")\"\n")
          .append("  else printf '%s A\\n' $i; fi\n")
          .append("  if [ -n \"$sum\" ] && [ -f \"$p\" ] && [ -r \"$p\" ]; then\n")
          .append("    printf '%s S %s\\n' $i \"$($sum < \"$p\" | cut -d' ' -f1)\"; fi\n")
          .append("  i=$((i+1))\ndone\n");
        return sb.toString();
    }

    /** Prints "O 33", or "O " when the name is unknown; numeric ids need no lookup. */
    private static String idLookup(String tag, String db, String name) {
        if (name.matches("\\d+")) {
            return "echo '" + tag + " " + name + "'\n";
        }
        return "printf '" + tag + " %s\\n' \"$(getent " + db + " " + ShellQuote.quote(name) + " | cut -d: -f3)\"\n";
    }

    /** Parses the probe's output; pure, so module decisions can be tested from fixture text. */
    public static Probe parse(List<String> paths, String out) {
        int n = paths.size();
        Stat[] lstat = new Stat[n];
        Stat[] stat = new Stat[n];
        String[] target = new String[n];
        String[] sum = new String[n];
        Integer owner = null;
        Integer group = null;
        int umask = 022;
        for (String line : out.split("\n")) {
            if (line.length() < 2) {
                continue;
            }
            String rest = line.substring(2);
            switch (line.charAt(0)) {
                case 'U' -> umask = Integer.parseInt(rest.trim(), 8);
                case 'O' -> owner = rest.isBlank() ? null : Integer.valueOf(rest.trim());
                case 'G' -> group = rest.isBlank() ? null : Integer.valueOf(rest.trim());
                default -> {
                    String[] p = line.split(" ", 3);
                    int i = Integer.parseInt(p[0]);
                    String value = p.length > 2 ? p[2] : "";
                    switch (p[1]) {
                        case "L" -> lstat[i] = Stat.parse(value);
                        case "F" -> stat[i] = Stat.parse(value);
                        case "T" -> target[i] = value;
                        case "S" -> sum[i] = value.isBlank() ? null : value.trim();
                        default -> { }
                    }
                }
            }
        }
        List<RemoteFile> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Stat l = lstat[i] != null ? lstat[i] : stat[i];
            files.add(new RemoteFile(paths.get(i), l, target[i], stat[i], sum[i]));
        }
        return new Probe(files, owner, group, umask);
    }
}
