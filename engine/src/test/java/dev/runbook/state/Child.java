package dev.runbook.state;

import dev.runbook.cli.Main;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** `runbook ARGS` in its own JVM (so it can be killed, and holds its own locks), output to a file. */
public final class Child {
    private Child() {
    }

    public static Process limited(Path output, String shellPrefix, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        if (shellPrefix != null) {
            // e.g. "ulimit -f 64": the limit applies to the JVM and nothing else
            StringBuilder line = new StringBuilder(shellPrefix + "; exec");
            for (String c : cmd) {
                line.append(" '").append(c.replace("'", "'\\''")).append("'");
            }
            cmd = List.of("/bin/bash", "-c", line.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put(MARK, output.toAbsolutePath().toString()); // inherited by every command it starts
        return pb.start();
    }

    private static final String MARK = "RUNBOOK_TEST_CHILD";

    /**
     * Whether a process started by the child whose output goes to {@code output} still lives, even one
     * orphaned when the child was killed (found by the environment it inherited).
     */
    public static boolean leftBehind(Path output) {
        return !leftBehindPids(output).isEmpty();
    }

    /** Stops, by pid, every process the killed child left behind (its orphaned commands). */
    public static void stopLeftBehind(Path output) {
        for (long pid : leftBehindPids(output)) {
            ProcessHandle.of(pid).ifPresent(h -> {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            });
        }
    }

    private static List<Long> leftBehindPids(Path output) {
        byte[] mark = (MARK + "=" + output.toAbsolutePath() + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.util.stream.Stream<Path> procs = java.nio.file.Files.list(Path.of("/proc"))) {
            return procs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).filter(d -> {
                try {
                    byte[] env = java.nio.file.Files.readAllBytes(d.resolve("environ"));
                    return indexOf(env, mark) >= 0;
                } catch (IOException | RuntimeException e) {
                    return false; // gone, or another user's
                }
            }).map(d -> Long.parseLong(d.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    public static Process start(Path output, String... args) throws IOException {
        return limited(output, null, args);
    }
}
