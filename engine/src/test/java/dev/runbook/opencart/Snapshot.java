package dev.runbook.opencart;

import dev.runbook.testing.MariaDbServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Byte-exact fingerprints of a directory tree and of a database, to prove a plan changed nothing. */
final class Snapshot {
    private Snapshot() {
    }

    /** Every path under {@code dir} with its type, size, modification time and content hash. */
    static String files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return dir + " absent\n";
        }
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted().toList()) {
                sb.append(dir.relativize(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis());
                if (Files.isRegularFile(p)) {
                    sb.append(' ').append(OpenCartReleases.sha256(Files.readAllBytes(p)));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** A full dump of {@code name} (schema and rows), without its timestamp. */
    static String database(MariaDbServer db, String name) {
        return OpenCartShop.run(Path.of("/"), "mariadb-dump", "--no-defaults", "-h127.0.0.1", "-P" + db.port(), "-uroot",
                "--skip-dump-date", "--single-transaction", name);
    }
}
