package dev.runbook.cli;

import dev.runbook.vault.VaultPasswords;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the command line reads from outside its arguments: environment variables, the working
 * directory (where ./ansible.cfg is looked for), standard input, and a way to ask for a password
 * on the terminal. Tests give their own.
 */
public record Environment(Map<String, String> vars, Path workDir, InputStream stdin, VaultPasswords.Prompter prompter) {
    public Environment {
        vars = Map.copyOf(vars);
        workDir = workDir.toAbsolutePath();
    }

    public static Environment system() {
        return new Environment(System.getenv(), Path.of(""), System.in, prompt -> {
            var console = System.console();
            if (console == null) {
                return null;
            }
            char[] pw = console.readPassword("%s", prompt);
            return pw == null ? null : new String(pw);
        });
    }

    /**
     * A path the user typed, relative to the working directory. Kept as typed when the working
     * directory is the process's own, so that messages show the path as the user wrote it.
     */
    public Path path(String typed) {
        Path p = Path.of(typed);
        return p.isAbsolute() || workDir.equals(Path.of("").toAbsolutePath()) ? p : workDir.resolve(p);
    }

    public String var(String name) {
        String v = vars.get(name);
        return v == null || v.isEmpty() ? null : v;
    }
}
