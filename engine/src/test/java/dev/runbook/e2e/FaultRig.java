package dev.runbook.e2e;

import dev.runbook.cli.Cli;
import dev.runbook.testing.OpenSshHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the fault tests share: real sshd hosts web0..webN-1, a directory every host writes to,
 * inventories (optionally pointing some hosts at other ports, such as a proxy's), and runs of
 * the CLI in the foreground or in the background while a fault is injected.
 */
final class FaultRig {
    final OpenSshHosts hosts;
    final Path dir;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-run");
        t.setDaemon(true);
        return t;
    });

    FaultRig(int count) throws IOException {
        hosts = OpenSshHosts.start(count);
        dir = Files.createTempDirectory("runbook-faults-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx")); // the SSH test user writes here
    }

    /** A fresh directory for one test, writable by the SSH test user. */
    Path work(String name) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
        return d;
    }

    /** An INI inventory of every host; {@code ports} replaces some hosts' ports; {@code vars} go to all. */
    Path inventory(Path work, Map<Integer, Integer> ports, String vars) throws IOException {
        StringBuilder ini = new StringBuilder("[web]\n");
        for (int i = 0; i < hosts.size(); i++) {
            ini.append("web").append(i).append(" ansible_host=127.0.0.1 ansible_port=")
                    .append(ports.getOrDefault(i, hosts.port(i))).append('\n');
        }
        ini.append("[web:vars]\nansible_user=").append(OpenSshHosts.USER)
                .append("\nansible_ssh_private_key_file=").append(hosts.clientKey()).append('\n').append(vars).append('\n');
        return Files.writeString(work.resolve("hosts.ini"), ini.toString());
    }

    /** known_hosts with each host's key also under the ports in {@code ports} (host index to port). */
    Path knownHosts(Path work, Map<Integer, Integer> ports) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(hosts.knownHosts()));
        ports.forEach((i, port) -> {
            String mine = lines.stream().filter(l -> l.startsWith("[127.0.0.1]:" + hosts.port(i) + " ")).findFirst().orElseThrow();
            lines.add(mine.replaceFirst("^\\[127\\.0\\.0\\.1]:\\d+", "[127.0.0.1]:" + port));
        });
        return Files.write(work.resolve("known_hosts"), lines);
    }

    /** {@code runbook apply RUNBOOK -i INVENTORY --known-hosts K --state-dir WORK/state EXTRA...}. */
    Cli.Result apply(Path work, Path runbook, Path inventory, Path knownHosts, String... extra) {
        List<String> args = new ArrayList<>(List.of("apply", runbook.toString(), "-i", inventory.toString(),
                "--known-hosts", knownHosts.toString(), "--state-dir", work.resolve("state").toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    Future<Cli.Result> applyInBackground(Path work, Path runbook, Path inventory, String... extra) {
        return background.submit(() -> apply(work, runbook, inventory, hosts.knownHosts(), extra));
    }

    static List<String> lines(Path f) throws IOException {
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    void close() {
        background.shutdownNow();
        hosts.close();
    }
}
