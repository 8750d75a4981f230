package dev.runbook.modules.accounts;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Footprint;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import dev.runbook.modules.Resource;
import dev.runbook.modules.files.UnifiedDiff;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code ansible.posix.authorized_key}: SSH public keys present in, or absent from, a
 * user's authorized_keys. Keys are matched by type and key; a present key whose options or
 * comment differ is rewritten in place. The file is replaced atomically, owned by the user, 0600.
 */
public final class AuthorizedKey implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("authorized_key", "Add or remove SSH public keys in a "
            + "user's authorized_keys (Ansible's ansible.posix.authorized_key). Returns user, key, key_options, "
            + "keyfile, path, state, exclusive, manage_dir.", List.of(
            ArgSpec.required("user", ArgType.STRING, "The account whose keys these are."),
            ArgSpec.required("key", ArgType.STRING, "The public key, or several, one per line (options and comment "
                    + "allowed, as in authorized_keys)."),
            ArgSpec.optional("path", ArgType.STRING, null, "The file. Default: ~user/.ssh/authorized_keys."),
            ArgSpec.optional("manage_dir", ArgType.BOOL, true, "Create the .ssh directory (0700, owned by user)."),
            ArgSpec.optional("state", ArgType.STRING, "present", "present or absent.").withChoices("present", "absent"),
            ArgSpec.optional("key_options", ArgType.STRING, null, "Options put before each key (from=\"10.0.0.1\",...)."),
            ArgSpec.optional("comment", ArgType.STRING, null, "The comment written after each key instead of its own."),
            ArgSpec.optional("exclusive", ArgType.BOOL, false, "Remove every other line of the file.")),
            false, """
            authorized_key:
              user: deploy
              key: "{{ lookup('file', 'files/deploy.pub') }}"
            """);

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        String key = args.string("key");
        if (key != null && (key.startsWith("http://") || key.startsWith("https://"))) {
            return List.of("key from a URL is not supported: fetch it with get_url or lookup('url', ...) first");
        }
        if (key != null && key.lines().map(KeyLine::parse).noneMatch(KeyLine::isKey)) {
            return List.of("key holds no SSH public key (expected e.g. 'ssh-ed25519 AAAA... comment')");
        }
        return List.of();
    }

    @Override
    public Footprint footprint(Args args) {
        return args.has("path") ? Footprint.on(Resource.path(args.string("path"))) : Footprint.UNDECLARED;
    }

    /** The file as it is, and as it should be. */
    private record Edit(String path, String home, boolean exists, String before, String after) {
        boolean changes() {
            return !before.equals(after);
        }
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Edit e = edit(ctx, args);
        Map<String, Object> result = result(args, e);
        result.put("changed", e.changes());
        if (!e.changes()) {
            return new Change(ChangeKind.NONE, "keys of " + args.string("user") + " as wanted in " + e.path(), null, result, null);
        }
        return new Change(e.exists() ? ChangeKind.CHANGE : ChangeKind.CREATE, "would write " + e.path(),
                UnifiedDiff.of(e.before(), e.after(), e.path(), e.path()), result, null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Edit e = edit(ctx, args);
        if (!e.changes()) {
            return new ModuleResult(false, false, "keys of " + args.string("user") + " as wanted in " + e.path(), result(args, e), null);
        }
        String user = ShellQuote.quote(args.string("user"));
        String path = ShellQuote.quote(e.path());
        String dir = ShellQuote.quote(parent(e.path()));
        StringBuilder s = new StringBuilder("set -e\numask 077\n");
        if (args.bool("manage_dir")) {
            s.append("if [ ! -d ").append(dir).append(" ]; then mkdir -p ").append(dir).append("; chown ").append(user)
                    .append(": ").append(dir).append("; chmod 700 ").append(dir).append("; fi\n");
        }
        s.append("t=$(mktemp ").append(dir).append("/.authorized_keys.XXXXXX)\ntrap 'rm -f \"$t\"' EXIT\ncat > \"$t\"\n")
                .append("chown ").append(user).append(": \"$t\"\nchmod 600 \"$t\"\nmv -f \"$t\" ").append(path).append('\n');
        CommandResult r = ctx.run(CommandRequest.of(new Command.Shell(s.toString()))
                .withStdin(e.after().getBytes(StandardCharsets.UTF_8)));
        if (!r.ok()) {
            throw new ModuleException("cannot write " + e.path() + ": " + r.stderr().strip());
        }
        return new ModuleResult(true, false, "wrote " + e.path(), result(args, e),
                UnifiedDiff.of(e.before(), e.after(), e.path(), e.path()));
    }

    private Edit edit(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String[] pw = Host.entry(ctx, "passwd", args.string("user"));
        if (pw == null) {
            throw new ModuleException("no user " + args.string("user") + " on this host");
        }
        String path = args.has("path") ? args.string("path") : pw[5] + "/.ssh/authorized_keys";
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(
                "if [ -e " + ShellQuote.quote(path) + " ]; then echo y; cat -- " + ShellQuote.quote(path) + "; else echo n; fi")));
        if (!r.ok()) {
            throw new ModuleException("cannot read " + path + ": " + r.stderr().strip());
        }
        boolean exists = r.stdout().startsWith("y");
        String before = exists ? r.stdout().substring(2) : "";
        return new Edit(path, pw[5], exists, before, edited(before, args));
    }

    static String edited(String before, Args args) {
        List<KeyLine> lines = new ArrayList<>();
        if (!args.bool("exclusive")) {
            before.lines().map(KeyLine::parse).forEach(lines::add);
        }
        boolean present = args.string("state").equals("present");
        for (String k : args.string("key").lines().toList()) {
            KeyLine wanted = KeyLine.parse(k);
            if (!wanted.isKey()) {
                continue;
            }
            wanted = wanted.with(args.has("key_options") ? args.string("key_options") : wanted.options(),
                    args.has("comment") ? args.string("comment") : wanted.comment());
            if (!present) {
                KeyLine gone = wanted;
                lines.removeIf(l -> l.sameKey(gone));
                continue;
            }
            int at = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).sameKey(wanted)) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                lines.add(wanted);
            } else if (!lines.get(at).render().equals(wanted.render())) {
                lines.set(at, wanted);
            }
        }
        if (!args.bool("exclusive") && lines.stream().map(KeyLine::render).toList().equals(before.lines().toList())) {
            return before; // untouched: keep the file byte for byte (a missing final newline stays missing)
        }
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l.render()).append('\n'));
        return out.toString();
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private static Map<String, Object> result(Args args, Edit e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user", args.string("user"));
        data.put("key", args.string("key"));
        data.put("key_options", args.string("key_options"));
        data.put("keyfile", e.path());
        data.put("path", args.string("path"));
        data.put("state", args.string("state"));
        data.put("exclusive", args.bool("exclusive"));
        data.put("manage_dir", args.bool("manage_dir"));
        return data;
    }
}
