package dev.runbook.connection;

import java.util.List;
import java.util.Objects;

/**
 * What to run on a host: an argv run without a shell, or a script run by {@code /bin/sh -c}.
 * A transport that only speaks shell (SSH) quotes the argv with {@link ShellQuote}.
 */
public sealed interface Command permits Command.Argv, Command.Shell {

    /** The command as one {@code /bin/sh} line, every argument quoted. */
    String toShellLine();

    record Argv(List<String> args) implements Command {
        public Argv {
            args = List.copyOf(args);
            if (args.isEmpty()) {
                throw new IllegalArgumentException("argv must not be empty");
            }
        }

        public static Argv of(String... args) {
            return new Argv(List.of(args));
        }

        @Override
        public String toShellLine() {
            return ShellQuote.join(args);
        }
    }

    record Shell(String script) implements Command {
        public Shell {
            Objects.requireNonNull(script, "script");
        }

        @Override
        public String toShellLine() {
            return "/bin/sh -c " + ShellQuote.quote(script);
        }
    }
}
