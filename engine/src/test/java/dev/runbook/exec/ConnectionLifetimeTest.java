package dev.runbook.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.FileAttrs;
import dev.runbook.connection.local.LocalConnection;
import dev.runbook.event.RunEvent;
import dev.runbook.plan.StepGraph;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host's connection is closed when that host's walk ends, not kept open until its batch ends. */
class ConnectionLifetimeTest {
    @TempDir
    Path dir;

    @Test
    void aHostThatIsDoneClosesItsConnectionWhileOthersStillRun() throws Exception {
        Path f = Runs.write(dir, """
                runbook: lifetime
                vars: {d: "%s"}
                steps:
                  work:
                    tasks:
                      - command: "true"
                        when: inventory_hostname == 'early'
                      - shell: for i in $(seq 1 200); do [ -e {{ d }}/closed-early ] && exit 0; sleep 0.05; done; exit 1
                        when: inventory_hostname == 'late'
                """.formatted(dir));
        StepGraph g = Runs.ENGINE.load(f);
        RunRequest req = new RunRequest(g.runbook(),
                new RunTargets(Runs.hosts("early", "late"), Map.of("all", List.of("early", "late")), new MarkingConnector(dir)),
                new RunChoices(RunEvent.Mode.APPLY, false, 50, Map.of(), StepFilter.ALL, null),
                dir.resolve(".runbook"), null);
        RunResult r = Runs.ENGINE.run(g, req, e -> { }, new RunControl());
        assertThat(r.status()).isEqualTo(RunResult.Status.OK);
        assertThat(dir.resolve("closed-late")).exists();
    }

    /** Local connections whose close leaves a file {@code closed-HOST} behind. */
    private record MarkingConnector(Path dir) implements Connector {
        @Override
        public Connection open(String host, Map<String, Object> hostVars) {
            LocalConnection local = new LocalConnection(host);
            return new Connection() {
                @Override
                public String host() {
                    return host;
                }

                @Override
                public CommandResult run(CommandRequest request) throws ConnectionException, InterruptedException {
                    return local.run(request);
                }

                @Override
                public void upload(InputStream data, String remotePath, FileAttrs attrs)
                        throws ConnectionException, IOException {
                    local.upload(data, remotePath, attrs);
                }

                @Override
                public void download(String remotePath, OutputStream out) throws ConnectionException, IOException {
                    local.download(remotePath, out);
                }

                @Override
                public void close() {
                    local.close();
                    try {
                        Files.writeString(dir.resolve("closed-" + host), "");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            };
        }
    }
}
