package dev.runbook.connection;

/** Reading sudo's side of the output: its prompt marker, its refusals, its lecture. */
final class SudoOutput {
    private SudoOutput() {
    }

    static boolean needsPassword(CommandResult r) {
        return r.exitCode() == 1 && (r.stderr().contains("sudo: a password is required")
                || r.stderr().contains("sudo: a terminal is required"));
    }

    /** sudo asked more than once, or said so: the password given was refused. */
    static boolean wrongPassword(CommandResult r, String marker) {
        if (r.exitCode() != 1) {
            return false;
        }
        String err = r.stderr();
        int first = err.indexOf(marker);
        return (first >= 0 && err.indexOf(marker, first + marker.length()) >= 0)
                || err.contains("incorrect password attempt");
    }

    /** The command's own stderr: everything up to sudo's prompt (a lecture, the prompt) removed. */
    static String strip(String stderr, String marker) {
        int at = stderr.indexOf(marker);
        return at < 0 ? stderr : stderr.substring(at + marker.length());
    }

    /** Streams stderr without sudo's prompt and whatever sudo printed before it. */
    static OutputSink filter(OutputSink sink, String marker) {
        boolean[] prompted = {false};
        return (stream, line) -> {
            if (stream == OutputSink.Stream.STDOUT) {
                sink.line(stream, line);
                return;
            }
            synchronized (prompted) {
                int at = line.indexOf(marker);
                if (!prompted[0] && at < 0) {
                    return;
                }
                prompted[0] = true;
                String rest = at < 0 ? line : line.substring(at + marker.length());
                if (at < 0 || !rest.isEmpty()) {
                    sink.line(stream, rest);
                }
            }
        };
    }
}
