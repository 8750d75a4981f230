package dev.runbook.modules.system;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.util.List;

/** A service manager on the target: a read-only probe, and the commands for each action. */
interface ServiceManager {

    ServiceStatus probe(ModuleContext ctx, String name) throws ConnectionException, InterruptedException;

    /** The command for start, stop, restart, reload, enable or disable. */
    Command command(String action, String name);

    /** Where a sysadmin would look for the service, for "not installed" messages. */
    String where(String name);

    default void run(ModuleContext ctx, String action, String name) throws ModuleException, ConnectionException, InterruptedException {
        CommandResult r = ctx.run(CommandRequest.of(command(action, name)));
        if (r.exitCode() != 0) {
            String out = (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
            throw new ModuleException("could not " + action + " " + name + " (exit " + r.exitCode() + ")"
                    + (out.isEmpty() ? "" : ": " + out));
        }
    }

    /**
     * SysV init scripts. Boot start is read from the rc2-5 start links (Debian's /etc/rcN.d and
     * Red Hat's /etc/rc.d/rcN.d) and set with update-rc.d or chkconfig, whichever exists.
     *
     * @param initDir where the init scripts are (/etc/init.d)
     * @param rcRoot  the directory holding rcN.d (/etc)
     */
    record Sysv(String initDir, String rcRoot) implements ServiceManager {
        private String script(String name) {
            return ShellQuote.quote(initDir + "/" + name);
        }

        @Override
        public ServiceStatus probe(ModuleContext ctx, String name) throws ConnectionException, InterruptedException {
            String rc = ShellQuote.quote(rcRoot);
            String n = ShellQuote.quote(name);
            String probe = "s=" + script(name) + "; [ -x \"$s\" ] || { echo missing; exit 0; }; "
                    + "\"$s\" status >/dev/null 2>&1 </dev/null && echo active || echo inactive; "
                    + "for f in " + rc + "/rc[2345].d/S*" + n + " " + rc + "/rc.d/rc[2345].d/S*" + n + "; do "
                    + "[ -e \"$f\" ] && { echo enabled; exit 0; }; done; echo disabled";
            String out = ctx.run(CommandRequest.readOnly(new Command.Shell(probe))).stdout();
            List<String> words = out.lines().map(String::trim).toList();
            if (words.contains("missing")) {
                return new ServiceStatus(false, false, false);
            }
            return new ServiceStatus(true, words.contains("active"), words.contains("enabled"));
        }

        @Override
        public Command command(String action, String name) {
            String n = ShellQuote.quote(name);
            return switch (action) {
                case "enable" -> new Command.Shell("if command -v update-rc.d >/dev/null 2>&1; then update-rc.d " + n
                        + " defaults >/dev/null && update-rc.d " + n + " enable; else chkconfig --add " + n + " && chkconfig " + n + " on; fi");
                case "disable" -> new Command.Shell("if command -v update-rc.d >/dev/null 2>&1; then update-rc.d " + n
                        + " disable; else chkconfig " + n + " off; fi");
                default -> new Command.Shell(script(name) + " " + action + " </dev/null");
            };
        }

        @Override
        public String where(String name) {
            return "no init script " + initDir + "/" + name;
        }
    }
}
