package dev.runbook.connection;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An upload that lands as the become user. For root: the login user uploads to a private (0600)
 * staging file, then root copies it beside the target with {@code install} (mode and owner in
 * one step) and renames it over the target. Another become user could not read that staging
 * file, so its bytes go through sudo's stdin instead, never through a world-readable file.
 */
final class BecomeUpload {
    interface Runner {
        CommandResult run(CommandRequest request) throws ConnectionException, IOException;
    }

    /** $1 source ('-' = stdin), $2 target, $3 mode or '', $4 owner or '', $5 group or '', $6 temp beside $2. */
    private static final String SCRIPT = String.join("\n",
            "set -e",
            "src=$1 dst=$2 mode=$3 owner=$4 group=$5 t=$6",
            "trap 'rm -f -- \"$t\" \"$t.in\"; [ \"$src\" = - ] || rm -f -- \"$src\"' EXIT",
            "if [ -z \"$mode\" ]; then if [ -e \"$dst\" ]; then mode=$(stat -c %a -- \"$dst\"); else mode=644; fi; fi",
            "set -- -m \"$mode\"",
            "[ -z \"$owner\" ] || set -- \"$@\" -o \"$owner\"",
            "[ -z \"$group\" ] || set -- \"$@\" -g \"$group\"",
            "in=$src",
            "if [ \"$src\" = - ]; then in=\"$t.in\"; (umask 077; cat > \"$in\"); fi",
            "install \"$@\" -- \"$in\" \"$t\"",
            "mv -f -- \"$t\" \"$dst\"");

    private final Connection login;
    private final Runner become;
    private final String user;

    BecomeUpload(Connection login, Runner become, String user) {
        this.login = login;
        this.become = become;
        this.user = user;
    }

    /** {@code .<name>.runbook-tmp-<suffix>} in the target's directory. */
    static String beside(String path, String suffix) {
        int slash = path.lastIndexOf('/');
        return path.substring(0, slash + 1) + "." + path.substring(slash + 1) + ".runbook-tmp-" + suffix;
    }

    void upload(InputStream data, String path, FileAttrs attrs, String suffix)
            throws ConnectionException, IOException, InterruptedException {
        String source = "-";
        byte[] stdin = new byte[0];
        if (user.equals("root")) {
            source = "/tmp/.runbook-upload-" + suffix;
            login.upload(data, source, FileAttrs.mode(0600));
        } else {
            stdin = BecomeConnection.readAll(data);
        }
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "sh", source, path,
                attrs.mode() >= 0 ? Integer.toOctalString(attrs.mode()) : "",
                attrs.owner() == null ? "" : attrs.owner(), attrs.group() == null ? "" : attrs.group(), beside(path, suffix)));
        CommandResult r = become.run(new CommandRequest(new Command.Argv(argv), stdin, null, null, null, false, null));
        if (!r.ok()) {
            if (!source.equals("-")) {
                login.run(CommandRequest.of(Command.Argv.of("rm", "-f", "--", source)));
            }
            throw new IOException("cannot write " + path + " on " + login.host() + " as " + user + ": "
                    + r.stderr().strip());
        }
    }
}
