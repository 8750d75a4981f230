package dev.runbook.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real MariaDB server for tests: its own data directory, on a free 127.0.0.1 port, started as a
 * child process and stopped by its pid. Root logs in without a password over TCP (test only).
 * Installs mariadb-server with apt-get when missing.
 */
public final class MariaDbServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;

    private MariaDbServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static MariaDbServer start() {
        DebianPackages.ensure("/usr/sbin/mariadbd", "mariadb-server", "mariadb-client");
        try {
            Path dir = Files.createTempDirectory("runbook-mariadb-");
            Path data = dir.resolve("data");
            // Its own temporary directory: servers of concurrent test runs never share temporary tables in /tmp.
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            exec(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + data, "--tmpdir=" + tmp, "--user=root",
                    "--auth-root-authentication-method=normal", "--skip-test-db"), dir.resolve("install.log"));
            int port = Ports.free();
            Process p = new ProcessBuilder("/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + data, "--tmpdir=" + tmp,
                    "--user=root",
                    "--bind-address=127.0.0.1", "--port=" + port, "--socket=" + dir.resolve("mysql.sock"),
                    "--pid-file=" + dir.resolve("mariadb.pid"), "--skip-log-bin", "--innodb-buffer-pool-size=16M",
                    "--skip-name-resolve",
                    // a test server: no fsync per commit or DDL (schema migrations of real applications
                    // otherwise take minutes on a busy disk)
                    "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0", "--innodb-flush-method=nosync",
                    "--sync-binlog=0")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
            MariaDbServer server = new MariaDbServer(dir, port, p);
            Ports.await("MariaDB on port " + port, Duration.ofSeconds(60), () -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("mariadbd exited: " + server.log());
                }
                return server.ping();
            });
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start MariaDB", e);
        }
    }

    public int port() {
        return port;
    }

    public Path socket() {
        return dir.resolve("mysql.sock");
    }

    /** Runs SQL as root through the mariadb client; returns stdout (tab-separated, no headers). */
    public String sql(String statements) {
        try {
            Process p = new ProcessBuilder("mariadb", "--no-defaults", "-h127.0.0.1", "-P" + port, "-uroot", "-N", "-B")
                    .redirectErrorStream(true).start();
            p.getOutputStream().write(statements.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("SQL failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean ping() {
        try {
            Process p = new ProcessBuilder("mariadb-admin", "--no-defaults", "-h127.0.0.1", "-P" + port, "-uroot", "ping")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void exec(List<String> argv, Path log) throws IOException {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(argv.get(0) + " failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server by its pid (SIGTERM, then SIGKILL after a deadline) and removes its files. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // leftovers in /tmp are harmless
        }
    }
}
