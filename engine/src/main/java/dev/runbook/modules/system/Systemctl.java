package dev.runbook.modules.system;

import dev.runbook.connection.Command;
import dev.runbook.connection.ShellQuote;
import java.util.ArrayList;
import java.util.List;

/**
 * How systemctl is called for one task, as Ansible's systemd module calls it: {@code --user} or
 * {@code --global} for a scope other than {@code system}, {@code --no-block}, {@code --force}.
 * For the user scope {@code XDG_RUNTIME_DIR} defaults to {@code /run/user/UID}, so the user's
 * manager is found from a non-login SSH session too.
 */
record Systemctl(String scope, boolean noBlock, boolean force) {
    static final Systemctl SYSTEM = new Systemctl("system", false, false);

    Systemctl {
        scope = scope == null ? "system" : scope;
    }

    /** systemctl with this task's switches, then {@code action [-- unit]}. */
    Command command(String action, String unit) {
        List<String> argv = base();
        argv.add(action);
        if (unit != null) {
            argv.add("--");
            argv.add(unit);
        }
        return scope.equals("user") ? new Command.Shell(userEnv() + ShellQuote.join(argv)) : new Command.Argv(argv);
    }

    /**
     * One read-only round trip: {@code systemctl show UNIT}, then {@code is-enabled} (its words
     * and exit code), then whether a SysV script of that name exists. Sections are introduced by
     * {@code @@} marker lines.
     */
    Command probe(String unit) {
        String systemctl = scope.equals("system") ? "systemctl" : "systemctl --" + scope;
        String u = ShellQuote.quote(unit);
        String script = systemctl + " show -- " + u + " 2>&1; echo \"@@show $?\"; "
                + systemctl + " is-enabled -- " + u + " 2>/dev/null; echo \"@@is-enabled $?\"; "
                + "[ -x /etc/init.d/" + u + " ] && echo @@initd; :";
        return wrap(script);
    }

    private List<String> base() {
        List<String> argv = new ArrayList<>(List.of("systemctl"));
        if (!scope.equals("system")) {
            argv.add("--" + scope);
        }
        if (noBlock) {
            argv.add("--no-block");
        }
        if (force) {
            argv.add("--force");
        }
        return argv;
    }

    private Command wrap(String script) {
        return new Command.Shell(scope.equals("user") ? userEnv() + "export XDG_RUNTIME_DIR; " + script : script);
    }

    private static String userEnv() {
        return "XDG_RUNTIME_DIR=\"${XDG_RUNTIME_DIR:-/run/user/$(id -u)}\" ";
    }
}
