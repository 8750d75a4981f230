package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH connect settings from the environment: a bad value is a user error and nothing runs. */
class ConnectSettingsTest {
    @TempDir
    Path dir;

    @Test
    void aBadHandshakeCountIsAUserErrorAndNothingRuns() throws Exception {
        Path marker = dir.resolve("ran");
        Path runbook = Files.writeString(dir.resolve("site.yml"), String.join("\n",
                "runbook: site",
                "steps:",
                "  touch:",
                "    tasks:",
                "      - command: touch " + marker,
                ""));
        Cli.Result r = Cli.run(Cli.env(dir, Map.of("RUNBOOK_SSH_HANDSHAKES", "none"), ""), "apply", runbook.toString(),
                "--state-dir", dir.resolve("state").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(4);
        assertThat(r.err()).contains("RUNBOOK_SSH_HANDSHAKES is 'none'").contains("at least 1")
                .doesNotContain("Exception");
        assertThat(marker).doesNotExist();
    }
}
