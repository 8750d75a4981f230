package dev.runbook.modules.accounts;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ModuleContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A local account as the target sees it: its passwd entry, primary group name and supplementary
 * groups, and whether its password hash is the wanted one (compared on the target: the hash never
 * travels back).
 */
record Account(long uid, long gid, String group, String comment, String home, String shell, List<String> groups,
               boolean passwordMatches) {

    /** Null when there is no such account. {@code wantedHash} null: not compared. */
    static Account probe(ModuleContext ctx, String name, String wantedHash) throws ConnectionException, InterruptedException {
        String n = ShellQuote.quote(name);
        String script = "IFS= read -r want\n"
                + "p=$(getent passwd " + n + ") || exit 3\n"
                + "echo \"$p\"\n"
                + "g=$(echo \"$p\" | cut -d: -f4)\n"
                + "getent group \"$g\" | cut -d: -f1\n"
                + "id -nG " + n + "\n"
                + "if [ -n \"$want\" ] && [ \"$(getent shadow " + n + " | cut -d: -f2)\" = \"$want\" ]; then echo same; else echo differs; fi\n";
        byte[] stdin = ((wantedHash == null ? "" : wantedHash) + "\n").getBytes(StandardCharsets.UTF_8);
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(script)).withStdin(stdin));
        if (r.exitCode() == 3) {
            return null;
        }
        String[] lines = r.stdout().split("\n", -1);
        String[] p = lines[0].split(":", -1);
        String primary = lines.length > 1 ? lines[1].strip() : "";
        List<String> all = lines.length > 2 && !lines[2].isBlank() ? Arrays.asList(lines[2].strip().split("\\s+")) : List.of();
        List<String> supplementary = new ArrayList<>(all);
        supplementary.remove(primary);
        boolean same = lines.length > 3 && lines[3].strip().equals("same");
        return new Account(Long.parseLong(p[2]), Long.parseLong(p[3]), primary, p[4], p[5], p[6], List.copyOf(supplementary), same);
    }

    /** True when {@code wanted} (a name or a number) is this account's primary group. */
    boolean primaryIs(String wanted) {
        return wanted.equals(group) || wanted.equals(String.valueOf(gid));
    }
}
