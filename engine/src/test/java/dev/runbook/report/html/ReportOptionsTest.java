package dev.runbook.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes with --report and --html are refused with exit 4 before anything runs. */
class ReportOptionsTest {
    @TempDir
    Path dir;

    private Path runbook() throws Exception {
        return Files.writeString(dir.resolve("rb.yml"), """
                runbook: touch
                steps:
                  s:
                    tasks:
                      - shell: touch %s/ran
                """.formatted(dir));
    }

    @Test
    void aReportInADirectoryThatDoesNotExistIsRefusedBeforeTheRun() throws Exception {
        Cli.Result r = Cli.run("apply", runbook().toString(), "--report", dir.resolve("no/such/report.html").toString(),
                "--state-dir", dir.resolve("state").toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("cannot write the report").contains("does not exist").doesNotContain("Exception");
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    @Test
    void aDryRunWithAReportIsRefused() throws Exception {
        Cli.Result r = Cli.run("apply", runbook().toString(), "--dry-run", "--report", dir.resolve("r.html").toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("--report is not available with --dry-run");
        assertThat(dir.resolve("r.html")).doesNotExist();
    }

    @Test
    void showHtmlOfAnUnknownRunNamesTheRuns() throws Exception {
        Cli.Result ok = Cli.run("apply", runbook().toString(), "--state-dir", dir.resolve("state").toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        Cli.Result r = Cli.run("show", "20990101-000000-abcd", "--html", dir.resolve("x.html").toString(),
                "--state-dir", dir.resolve("state").toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("no run 20990101-000000-abcd");
        assertThat(dir.resolve("x.html")).doesNotExist();
        Cli.Result last = Cli.run(Cli.env(dir, java.util.Map.of(), null), "show", "last", "--html",
                "--state-dir", dir.resolve("state").toString());
        assertThat(last.exit()).as(last.err()).isZero();
        String written = last.out().strip().substring("wrote ".length());
        assertThat(Path.of(written).getParent()).isEqualTo(dir.toAbsolutePath());
        assertThat(Files.readString(Path.of(written))).contains("touch").contains("data-step=\"s\"");
    }
}
