package dev.runbook.modules.accounts;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code user}: a local account present with the given attributes, or absent, through
 * useradd/usermod/userdel. {@code password} is a crypt hash, as in Ansible; it is set through
 * {@code chpasswd -e} on stdin and compared on the target, so it is never on a command line.
 */
public final class User implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("user", "Manage a local user account (Ansible's "
            + "ansible.builtin.user) with useradd, usermod, userdel and chpasswd. Needs root (become). Returns name, "
            + "state, uid, group, groups, comment, home, shell, system, create_home, append, move_home.", List.of(
            ArgSpec.required("name", ArgType.STRING, "The account's name.").withAliases("user"),
            ArgSpec.optional("state", ArgType.STRING, "present", "present or absent.").withChoices("present", "absent"),
            ArgSpec.optional("uid", ArgType.INT, null, "The account's user id."),
            ArgSpec.optional("non_unique", ArgType.BOOL, false, "Allow a uid another account already has."),
            ArgSpec.optional("group", ArgType.STRING, null, "Primary group (name or gid)."),
            ArgSpec.optional("groups", ArgType.LIST, null, "Supplementary groups (a list or 'a,b'). Without append the "
                    + "account is in exactly these; an empty value removes it from all."),
            ArgSpec.optional("append", ArgType.BOOL, false, "Add groups to the account's groups, removing none."),
            ArgSpec.optional("comment", ArgType.STRING, null, "The GECOS field (full name)."),
            ArgSpec.optional("home", ArgType.STRING, null, "Home directory."),
            ArgSpec.optional("move_home", ArgType.BOOL, false, "When home changes, move the old home's content there."),
            ArgSpec.optional("shell", ArgType.STRING, null, "Login shell."),
            ArgSpec.optional("password", ArgType.STRING, null, "The password as a crypt hash (e.g. made with "
                    + "openssl passwd -6), as in Ansible.").asSecret(),
            ArgSpec.optional("update_password", ArgType.STRING, "always", "always: set password when it differs; "
                    + "on_create: only for a new account.").withChoices("always", "on_create"),
            ArgSpec.optional("create_home", ArgType.BOOL, true, "Create the home directory for a new account.")
                    .withAliases("createhome"),
            ArgSpec.optional("system", ArgType.BOOL, false, "Create a system account (an id from the system range)."),
            ArgSpec.optional("remove", ArgType.BOOL, false, "With state absent: remove the home directory and mail spool."),
            ArgSpec.optional("force", ArgType.BOOL, false, "With state absent: remove even when logged in (userdel -f).")),
            false, """
            user:
              name: deploy
              shell: /bin/bash
              groups: [www-data]
              append: true
            """);

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.on(Resource.path("/etc/passwd"), Resource.path("/etc/shadow"), Resource.path("/etc/group"),
                Resource.path("/etc/gshadow"));
    }

    /** The commands, and what runs with the password on stdin (null: none). */
    private record Work(List<List<String>> commands, boolean setPassword, boolean creates) {
        boolean empty() {
            return commands.isEmpty() && !setPassword;
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            commands.forEach(c -> parts.add(ShellQuote.join(c)));
            if (setPassword) {
                parts.add("chpasswd -e (password ********)");
            }
            return String.join("; ", parts);
        }
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Account now = Account.probe(ctx, args.string("name"), args.string("password"));
        Work w = work(ctx, args, now);
        if (w.empty()) {
            Map<String, Object> r = result(args, now);
            r.put("changed", false);
            return new Change(ChangeKind.NONE, "user " + args.string("name") + " " + args.string("state"), null, r, null);
        }
        ChangeKind kind = now == null ? ChangeKind.CREATE : args.string("state").equals("absent") ? ChangeKind.REMOVE : ChangeKind.CHANGE;
        // What register holds after a change (a new uid, the new group's id) is only known once it is made.
        Map<String, Object> predicted = null;
        if (kind == ChangeKind.REMOVE) {
            predicted = result(args, null);
            predicted.put("changed", true);
        }
        return new Change(kind, "would run " + w.describe(), null, predicted, null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String name = args.string("name");
        Account now = Account.probe(ctx, name, args.string("password"));
        Work w = work(ctx, args, now);
        for (List<String> c : w.commands()) {
            Host.change(ctx, c, null);
        }
        if (w.setPassword()) {
            Host.change(ctx, List.of("chpasswd", "-e"), name + ":" + args.string("password") + "\n");
        }
        Account after = w.empty() ? now : Account.probe(ctx, name, null);
        String msg = w.empty() ? "user " + name + " " + args.string("state") : "ran " + w.describe();
        return new ModuleResult(!w.empty(), false, msg, result(args, after), null);
    }

    private Work work(ModuleContext ctx, Args args, Account now) throws ConnectionException, InterruptedException {
        String name = args.string("name");
        List<List<String>> out = new ArrayList<>();
        if (args.string("state").equals("absent")) {
            if (now != null) {
                List<String> c = new ArrayList<>(List.of("userdel"));
                if (args.bool("remove")) {
                    c.add("-r");
                }
                if (args.bool("force")) {
                    c.add("-f");
                }
                c.add(name);
                out.add(c);
            }
            return new Work(out, false, false);
        }
        boolean password = args.has("password");
        if (now == null) {
            List<String> c = new ArrayList<>(List.of("useradd"));
            if (args.has("uid")) {
                c.addAll(List.of("-u", String.valueOf(args.integer("uid"))));
                if (args.bool("non_unique")) {
                    c.add("-o");
                }
            }
            if (args.has("group")) {
                c.addAll(List.of("-g", args.string("group")));
            } else if (Host.entry(ctx, "group", name) != null) {
                c.add("-N"); // as Ansible: useradd would otherwise fail creating a group that exists
            }
            if (args.has("groups") && !groups(args).isEmpty()) {
                c.addAll(List.of("-G", String.join(",", groups(args))));
            }
            optional(c, args, "comment", "-c");
            optional(c, args, "home", "-d");
            optional(c, args, "shell", "-s");
            if (args.bool("system")) {
                c.add("-r");
            }
            c.add(args.bool("create_home") ? "-m" : "-M");
            c.add(name);
            out.add(c);
            return new Work(out, password, true);
        }
        List<String> c = new ArrayList<>(List.of("usermod"));
        if (args.has("uid") && args.integer("uid") != now.uid()) {
            c.addAll(List.of("-u", String.valueOf(args.integer("uid"))));
            if (args.bool("non_unique")) {
                c.add("-o");
            }
        }
        if (args.has("group") && !now.primaryIs(args.string("group"))) {
            c.addAll(List.of("-g", args.string("group")));
        }
        if (args.has("groups")) {
            List<String> wanted = groups(args);
            if (args.bool("append")) {
                List<String> missing = wanted.stream().filter(g -> !now.groups().contains(g) && !now.group().equals(g)).toList();
                if (!missing.isEmpty()) {
                    c.addAll(List.of("-a", "-G", String.join(",", missing)));
                }
            } else if (!new java.util.TreeSet<>(wanted.stream().filter(g -> !now.group().equals(g)).toList())
                    .equals(new java.util.TreeSet<>(now.groups()))) {
                c.addAll(List.of("-G", String.join(",", wanted)));
            }
        }
        differs(c, args, "comment", now.comment(), "-c");
        if (args.has("home") && !args.string("home").equals(now.home())) {
            c.addAll(List.of("-d", args.string("home")));
            if (args.bool("move_home")) {
                c.add("-m");
            }
        }
        differs(c, args, "shell", now.shell(), "-s");
        if (c.size() > 1) {
            c.add(name);
            out.add(c);
        }
        boolean setPassword = password && args.string("update_password").equals("always") && !now.passwordMatches();
        return new Work(out, setPassword, false);
    }

    private static List<String> groups(Args args) {
        List<String> out = new ArrayList<>();
        for (String item : args.strings("groups")) {
            for (String g : item.split(",")) {
                if (!g.isBlank() && !out.contains(g.strip())) {
                    out.add(g.strip());
                }
            }
        }
        return out;
    }

    private static void optional(List<String> c, Args args, String arg, String flag) {
        if (args.has(arg)) {
            c.addAll(List.of(flag, args.string(arg)));
        }
    }

    private static void differs(List<String> c, Args args, String arg, String now, String flag) {
        if (args.has(arg) && !args.string(arg).equals(now)) {
            c.addAll(List.of(flag, args.string(arg)));
        }
    }

    private static Map<String, Object> result(Args args, Account a) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", args.string("name"));
        data.put("state", args.string("state"));
        if (args.string("state").equals("absent")) {
            data.put("force", args.bool("force"));
            data.put("remove", args.bool("remove"));
            return data;
        }
        data.put("append", args.bool("append"));
        data.put("create_home", args.bool("create_home"));
        data.put("move_home", args.bool("move_home"));
        data.put("system", args.bool("system"));
        if (a != null) {
            data.put("uid", a.uid());
            data.put("group", a.gid());
            data.put("comment", a.comment());
            data.put("home", a.home());
            data.put("shell", a.shell());
        }
        if (args.has("groups")) {
            data.put("groups", String.join(",", groups(args)));
        }
        if (args.has("password")) {
            data.put("password", "NOT_LOGGING_PASSWORD");
        }
        return data;
    }
}
