package dev.runbook.state;

import dev.runbook.cli.Main;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** `runbook ARGS` in its own JVM (so it can be killed, and holds its own locks), output to a file. */
final class Child {
    private Child() {
    }

    static Process limited(Path output, String shellPrefix, String... args) throws IOException {
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
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    static Process start(Path output, String... args) throws IOException {
        return limited(output, null, args);
    }
}
