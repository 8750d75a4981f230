package dev.runbook.modules.accounts;

import dev.runbook.connection.ConnectionException;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ansible's {@code group}: a local group present (with a gid) or absent, through groupadd/groupmod/groupdel. */
public final class Group implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("group", "Manage a local group (Ansible's "
            + "ansible.builtin.group) with groupadd, groupmod and groupdel. Needs root (become). Returns name, state, "
            + "gid and system.", List.of(
            ArgSpec.required("name", ArgType.STRING, "The group's name."),
            ArgSpec.optional("state", ArgType.STRING, "present", "present or absent.").withChoices("present", "absent"),
            ArgSpec.optional("gid", ArgType.INT, null, "The group's id. An existing group with another id is changed."),
            ArgSpec.optional("system", ArgType.BOOL, false, "Create a system group (an id from the system range)."),
            ArgSpec.optional("non_unique", ArgType.BOOL, false, "Allow a gid another group already has (with gid).")),
            false, """
            group:
              name: deploy
              gid: 2001
            """);

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.on(Resource.path("/etc/group"), Resource.path("/etc/gshadow"));
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String[] now = Host.entry(ctx, "group", args.string("name"));
        List<List<String>> commands = commands(args, now);
        if (commands.isEmpty()) {
            return new Change(ChangeKind.NONE, "group " + args.string("name") + " " + args.string("state"), null,
                    withChanged(result(args, now), false), null);
        }
        ChangeKind kind = now == null ? ChangeKind.CREATE : args.string("state").equals("absent") ? ChangeKind.REMOVE : ChangeKind.CHANGE;
        Map<String, Object> predicted = now == null && !args.has("gid") ? null : withChanged(result(args, predict(args, now)), true);
        return new Change(kind, "would run " + describe(commands), null, predicted, null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String[] now = Host.entry(ctx, "group", args.string("name"));
        List<List<String>> commands = commands(args, now);
        for (List<String> c : commands) {
            Host.change(ctx, c, null);
        }
        String[] after = commands.isEmpty() ? now : Host.entry(ctx, "group", args.string("name"));
        String msg = commands.isEmpty() ? "group " + args.string("name") + " " + args.string("state") : "ran " + describe(commands);
        return new ModuleResult(!commands.isEmpty(), false, msg, result(args, after), null);
    }

    private static List<List<String>> commands(Args args, String[] now) {
        String name = args.string("name");
        List<List<String>> out = new ArrayList<>();
        if (args.string("state").equals("absent")) {
            if (now != null) {
                out.add(List.of("groupdel", name));
            }
            return out;
        }
        List<String> cmd = new ArrayList<>();
        if (now == null) {
            cmd.add("groupadd");
            if (args.bool("system")) {
                cmd.add("-r");
            }
        } else if (args.has("gid") && !String.valueOf(args.integer("gid")).equals(now[2])) {
            cmd.add("groupmod");
        } else {
            return out;
        }
        if (args.has("gid")) {
            cmd.add("-g");
            cmd.add(String.valueOf(args.integer("gid")));
            if (args.bool("non_unique")) {
                cmd.add("-o");
            }
        }
        cmd.add(name);
        out.add(cmd);
        return out;
    }

    private static String[] predict(Args args, String[] now) {
        if (args.string("state").equals("absent")) {
            return null;
        }
        return new String[] {args.string("name"), "x", String.valueOf(args.integer("gid")), now == null ? "" : now[3]};
    }

    private static Map<String, Object> result(Args args, String[] entry) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", args.string("name"));
        data.put("state", args.string("state"));
        if (entry != null) {
            data.put("gid", Long.parseLong(entry[2]));
            data.put("system", args.bool("system"));
        }
        return data;
    }

    private static Map<String, Object> withChanged(Map<String, Object> data, boolean changed) {
        Map<String, Object> m = new LinkedHashMap<>(data);
        m.put("changed", changed);
        return m;
    }

    static String describe(List<List<String>> commands) {
        List<String> lines = new ArrayList<>();
        for (List<String> c : commands) {
            lines.add(dev.runbook.connection.ShellQuote.join(c));
        }
        return String.join("; ", lines);
    }
}
