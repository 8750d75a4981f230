package dev.runbook.cli;

import dev.runbook.config.AnsibleConfig;
import dev.runbook.config.Setting;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `runbook config`: the ansible.cfg settings runbook honours, their values and where each came from. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Show which ansible.cfg is read (ANSIBLE_CONFIG, ./ansible.cfg, ~/.ansible.cfg, /etc/ansible/ansible.cfg) "
                + "and the effective value of every setting runbook honours, with where it came from. Flags on the "
                + "command line win over both.")
final class ConfigCommand implements Callable<Integer> {
    private final CliContext ctx;

    ConfigCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        AnsibleConfig config = AnsibleConfig.load(ctx.env().vars(), ctx.env().workDir());
        config.warnings().forEach(w -> ctx.err().println("warning: " + w));
        ctx.out().println("config file: " + config.file().map(Object::toString).orElse("(none found)"));
        int width = config.all().stream().mapToInt(s -> s.name().length()).max().orElse(0);
        for (Setting s : config.all()) {
            String name = s.name() + " ".repeat(width - s.name().length());
            if (s.value() == null) {
                ctx.out().println(name + "  (not set)   " + s.meaning());
            } else {
                ctx.out().println(name + "  " + s.value() + "   [" + s.origin() + "]");
            }
        }
        ctx.out().flush();
        ctx.err().flush();
        return ExitCode.OK.code();
    }
}
