package dev.runbook.connection.ssh;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.Connection;
import dev.runbook.testing.OpenSshHosts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Command round trips over one connection to a real sshd; prints ms per command, asserts
 * nothing. Run with: mvn -o test -Dtest=SshCommandBench -Dbench=true
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class SshCommandBench {
    private static final int COMMANDS = 200;

    @Test
    void sequentialAndParallelTrue() throws Exception {
        try (OpenSshHosts hosts = OpenSshHosts.start(1);
             SshConnector connector = new SshConnector(hosts.knownHosts(), HostKeyPolicy.STRICT, null);
             Connection c = connector.open(OpenSshEndToEndTest.target(hosts, 0, OpenSshHosts.USER), false)) {
            CommandRequest trueCmd = CommandRequest.of(Command.Argv.of("/bin/true"));
            for (int i = 0; i < 20; i++) {
                c.run(trueCmd); // warm-up: JIT and the server's first forks
            }
            long start = System.nanoTime();
            for (int i = 0; i < COMMANDS; i++) {
                if (c.run(trueCmd).exitCode() != 0) {
                    throw new IllegalStateException("/bin/true failed");
                }
            }
            double sequential = (System.nanoTime() - start) / 1e6 / COMMANDS;
            ExecutorService pool = Executors.newFixedThreadPool(8);
            start = System.nanoTime();
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < COMMANDS; i++) {
                all.add(pool.submit(() -> c.run(trueCmd)));
            }
            for (Future<?> f : all) {
                f.get();
            }
            double parallel = (System.nanoTime() - start) / 1e6 / COMMANDS;
            pool.shutdown();
            System.out.printf("ssh bench: %d x /bin/true over one connection: %.2f ms/command sequential,"
                    + " %.2f ms/command with 8 threads%n", COMMANDS, sequential, parallel);
        }
    }
}
