package dev.runbook.modules.source;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
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

/**
 * Ansible's {@code git}: a checkout at {@code dest} of {@code repo} at {@code version} (a branch,
 * a tag, a commit or HEAD). The commit wanted is read with {@code git ls-remote}, so a plan knows
 * {@code before} and {@code after} exactly; local modifications stop the update unless {@code force}.
 */
public final class Git implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("git", "Clone or update a git checkout (Ansible's "
            + "ansible.builtin.git). Returns before, after (commit ids) and remote_url_changed.", List.of(
            ArgSpec.required("repo", ArgType.STRING, "The repository URL (file://, ssh, https...).").withAliases("name"),
            ArgSpec.required("dest", ArgType.STRING, "Where the checkout is."),
            ArgSpec.optional("version", ArgType.STRING, "HEAD", "A branch, a tag, a full commit id, or HEAD."),
            ArgSpec.optional("force", ArgType.BOOL, false, "Discard local modifications of tracked files."),
            ArgSpec.optional("depth", ArgType.INT, null, "A shallow clone/fetch with this many commits."),
            ArgSpec.optional("update", ArgType.BOOL, true, "Update an existing checkout to version."),
            ArgSpec.optional("clone", ArgType.BOOL, true, "Clone when dest holds no checkout."),
            ArgSpec.optional("remote", ArgType.STRING, "origin", "The remote's name.")),
            false, """
            git:
              repo: https://git.example.com/shop/theme.git
              dest: /srv/shop/theme
              version: v2.3.1
            """);

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.on(Resource.path(args.string("dest")));
    }

    /** What the probes found. {@code before} null: no checkout; {@code after} null: not known without fetching. */
    private record State(String before, String after, boolean dirty, boolean urlChanged, Ref ref) {
    }

    /** The wanted version as the remote has it. */
    private record Ref(String commit, boolean branch) {
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        State s = probe(ctx, args);
        String dest = args.string("dest");
        if (s.before() == null) {
            if (!args.bool("clone")) {
                return new Change(ChangeKind.NONE, "no checkout at " + dest + " (clone: false)", null,
                        result(null, null, false, false), null);
            }
            return new Change(ChangeKind.CREATE, "would clone " + args.string("repo") + " at " + args.string("version")
                    + " to " + dest, null, result(null, s.after(), false, true), null);
        }
        refuseDirty(s, args);
        if (!args.bool("update") || (s.before().equals(s.after()) && !s.urlChanged())) {
            String after = args.bool("update") ? s.after() : s.before();
            return new Change(ChangeKind.NONE, dest + " at " + s.before(), null, result(s.before(), after, false, false), null);
        }
        return new Change(ChangeKind.CHANGE, "would update " + dest + " from " + s.before() + " to " + s.after(), null,
                result(s.before(), s.after(), s.urlChanged(), true), null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        State s = probe(ctx, args);
        String dest = args.string("dest");
        String remote = args.string("remote");
        List<String> depth = args.has("depth") ? List.of("--depth", String.valueOf(args.integer("depth"))) : List.of();
        if (s.before() == null) {
            if (!args.bool("clone")) {
                return new ModuleResult(false, false, "no checkout at " + dest + " (clone: false)", result(null, null, false, false), null);
            }
            List<String> clone = new ArrayList<>(List.of("git", "clone", "--origin", remote));
            clone.addAll(depth);
            if (args.has("depth") && !isCommit(args.string("version")) && !args.string("version").equals("HEAD")) {
                clone.addAll(List.of("--branch", args.string("version")));
            }
            clone.addAll(List.of("--", args.string("repo"), dest));
            git(ctx, clone);
            checkout(ctx, args, s.ref());
            String after = head(ctx, dest);
            return new ModuleResult(true, false, "cloned " + args.string("repo") + " to " + dest + " at " + after,
                    result(null, after, false, true), null);
        }
        refuseDirty(s, args);
        if (!args.bool("update") || (s.before().equals(s.after()) && !s.urlChanged())) {
            String after = args.bool("update") ? s.after() : s.before();
            return new ModuleResult(false, false, dest + " at " + s.before(), result(s.before(), after, false, false), null);
        }
        if (s.urlChanged()) {
            git(ctx, List.of("git", "-C", dest, "remote", "set-url", remote, args.string("repo")));
        }
        List<String> fetch = new ArrayList<>(List.of("git", "-C", dest, "fetch", "--tags", "--force"));
        fetch.addAll(depth);
        fetch.add(remote);
        git(ctx, fetch);
        checkout(ctx, args, s.ref());
        String after = head(ctx, dest);
        return new ModuleResult(!after.equals(s.before()) || s.urlChanged(), false, "updated " + dest + " from "
                + s.before() + " to " + after, result(s.before(), after, s.urlChanged(), true), null);
    }

    private void checkout(ModuleContext ctx, Args args, Ref ref) throws ModuleException, ConnectionException, InterruptedException {
        String dest = args.string("dest");
        String version = args.string("version");
        List<String> c = new ArrayList<>(List.of("git", "-C", dest, "checkout", "--quiet"));
        if (args.bool("force")) {
            c.add("--force");
        }
        if (ref.branch() && !version.equals("HEAD")) {
            c.addAll(List.of("-B", version, ref.commit()));
        } else {
            c.addAll(List.of("--detach", ref.commit()));
        }
        git(ctx, c);
    }

    private static void refuseDirty(State s, Args args) throws ModuleException {
        if (s.dirty() && args.bool("update") && !args.bool("force") && !s.before().equals(s.after())) {
            throw new ModuleException("Local modifications exist in the checkout at " + args.string("dest")
                    + " (force: false): commit or discard them, or set force: true to discard them");
        }
    }

    private State probe(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String dest = args.string("dest");
        Ref ref = remoteRef(ctx, args);
        CommandResult head = ctx.run(CommandRequest.readOnly(Command.Argv.of("git", "-C", dest, "rev-parse", "--verify", "-q", "HEAD")));
        if (!head.ok()) {
            return new State(null, ref.commit(), false, false, ref);
        }
        CommandResult status = run(ctx, List.of("git", "-C", dest, "status", "--porcelain", "--untracked-files=no"));
        CommandResult url = ctx.run(CommandRequest.readOnly(Command.Argv.of("git", "-C", dest, "remote", "get-url", args.string("remote"))));
        boolean urlChanged = !url.ok() || !url.stdout().strip().equals(args.string("repo"));
        return new State(head.stdout().strip(), ref.commit(), !status.stdout().isBlank(), urlChanged, ref);
    }

    private Ref remoteRef(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String version = args.string("version");
        if (isCommit(version)) {
            return new Ref(version.toLowerCase(), false);
        }
        CommandResult r = run(ctx, List.of("git", "ls-remote", "--", args.string("repo"), version,
                "refs/heads/" + version, "refs/tags/" + version, "refs/tags/" + version + "^{}"));
        Map<String, String> refs = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            String[] parts = line.split("\t");
            if (parts.length == 2) {
                refs.put(parts[1], parts[0]);
            }
        }
        if (version.equals("HEAD") && refs.containsKey("HEAD")) {
            return new Ref(refs.get("HEAD"), false);
        }
        if (refs.containsKey("refs/heads/" + version)) {
            return new Ref(refs.get("refs/heads/" + version), true);
        }
        String tag = refs.getOrDefault("refs/tags/" + version + "^{}", refs.get("refs/tags/" + version));
        if (tag != null) {
            return new Ref(tag, false);
        }
        throw new ModuleException("version " + version + " is not a branch, tag or commit of " + args.string("repo"));
    }

    private static boolean isCommit(String version) {
        return version.matches("[0-9a-fA-F]{40}");
    }

    private static String head(ModuleContext ctx, String dest) throws ModuleException, ConnectionException, InterruptedException {
        return run(ctx, List.of("git", "-C", dest, "rev-parse", "HEAD")).stdout().strip();
    }

    private static CommandResult run(ModuleContext ctx, List<String> argv) throws ModuleException, ConnectionException, InterruptedException {
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Argv(argv)));
        if (!r.ok()) {
            throw new ModuleException(String.join(" ", argv.subList(0, Math.min(argv.size(), 4))) + " failed: " + r.stderr().strip());
        }
        return r;
    }

    private static void git(ModuleContext ctx, List<String> argv) throws ModuleException, ConnectionException, InterruptedException {
        CommandResult r = ctx.stream(CommandRequest.of(new Command.Argv(argv)));
        if (!r.ok()) {
            throw new ModuleException("git " + argv.get(argv.indexOf("git") + (argv.contains("-C") ? 3 : 1)) + " failed: "
                    + r.stderr().strip());
        }
    }

    private static Map<String, Object> result(String before, String after, boolean urlChanged, boolean changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("before", before);
        data.put("after", after);
        data.put("remote_url_changed", urlChanged);
        data.put("changed", changed);
        return data;
    }
}
