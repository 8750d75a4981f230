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
    void aDryRunWithAReportWritesThePlanAndRunsNothing() throws Exception {
        Cli.Result r = Cli.run("apply", runbook().toString(), "--dry-run", "--report", dir.resolve("r.html").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("report: " + dir.resolve("r.html"));
        assertThat(Files.readString(dir.resolve("r.html"))).contains("<title>touch · plan</title>")
                .contains("Plan: 0 to create, 0 to change, 0 to remove, 1 unknown, 0 unchanged, on 1 host.");
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    @Test
    void aPlanReportInADirectoryThatDoesNotExistIsRefusedBeforeProbing() throws Exception {
        Cli.Result r = Cli.run("plan", runbook().toString(), "--report", dir.resolve("no/plan.html").toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("cannot write the report").contains("does not exist").doesNotContain("Exception");
        assertThat(r.out()).doesNotContain("Planning");
    }

    @Test
    void comparingNeedsHtmlAndAnotherRun() throws Exception {
        Cli.Result ok = Cli.run("apply", runbook().toString(), "--state-dir", dir.resolve("state").toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        Cli.Result text = Cli.run("show", "last", "--compare", "last", "--state-dir", dir.resolve("state").toString());
        assertThat(text.exit()).isEqualTo(4);
        assertThat(text.err()).contains("--compare works with --html only");
        Cli.Result self = Cli.run("show", "last", "--html", dir.resolve("x.html").toString(), "--compare", "last",
                "--state-dir", dir.resolve("state").toString());
        assertThat(self.exit()).isEqualTo(4);
        assertThat(self.err()).containsPattern("--compare names run \\S+ itself");
        Cli.Result previous = Cli.run("show", "last", "--html", dir.resolve("x.html").toString(), "--compare", "previous",
                "--state-dir", dir.resolve("state").toString());
        assertThat(previous.exit()).isEqualTo(4);
        assertThat(previous.err()).containsPattern("run \\S+ has no previous run").doesNotContain("Exception");
        assertThat(dir.resolve("x.html")).doesNotExist();
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
