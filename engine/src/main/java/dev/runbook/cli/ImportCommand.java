package dev.runbook.cli;

import dev.runbook.playbook.PlaybookImport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** `runbook import`: an Ansible playbook as an equivalent runbook, on stdout. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Print an equivalent runbook for an Ansible playbook: each play a step chained by needs, "
                + "import_playbook followed, a comment at every construct without an equivalent.")
final class ImportCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook (YAML list of plays).")
    String playbook;

    ImportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.out().print(PlaybookImport.convert(ctx.env().path(playbook)));
        ctx.out().flush();
        return ExitCode.OK.code();
    }
}
