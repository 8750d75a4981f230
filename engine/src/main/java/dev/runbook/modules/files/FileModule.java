package dev.runbook.modules.files;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Ansible's file module: a path's type (file, directory, link, hard link, absent, touched)
 * and its mode, owner and group. One probe per call, plus a {@code find} listing when a
 * directory's attributes are applied recursively.
 */
public final class FileModule extends PlannedModule {
    static final List<String> STATES = List.of("file", "directory", "absent", "touch", "link", "hard");
    private static final ModuleSpec SPEC = new ModuleSpec("file",
            "Manage a path's type and attributes: make sure it is a file, a directory, a symbolic or hard link, "
                    + "touched, or absent, with the given mode, owner and group. Plan mode shows `+` for what would be "
                    + "created, `~` for attribute changes, `-` for removals.",
            List.of(
                    ArgSpec.required("path", ArgType.STRING, "The path to manage.").withAliases("dest", "name"),
                    ArgSpec.optional("state", ArgType.STRING, null, "What the path must be. Default: what it already "
                            + "is (directory when recurse), else file.").withChoices(STATES.toArray(String[]::new)),
                    ArgSpec.optional("src", ArgType.STRING, null, "Target of the link (state link or hard). A relative "
                            + "src of a symbolic link is relative to the link's directory."),
                    ArgSpec.optional("mode", ArgType.MODE, null, "Permissions: octal (0644, \"0644\" and 644 all mean "
                            + "rw-r--r--) or symbolic (u+x, u=rw,g=r,o=)."),
                    ArgSpec.optional("owner", ArgType.STRING, null, "User name (or uid) that should own the path."),
                    ArgSpec.optional("group", ArgType.STRING, null, "Group name (or gid) that should own the path."),
                    ArgSpec.optional("recurse", ArgType.BOOL, false,
                            "With state directory: apply mode, owner and group to everything below too."),
                    ArgSpec.optional("follow", ArgType.BOOL, true,
                            "When path is a symbolic link, set attributes on its target rather than the link."),
                    ArgSpec.optional("force", ArgType.BOOL, false, "With state link or hard: replace an existing file, "
                            + "or create a symbolic link whose target does not exist (yet)."),
                    ArgSpec.optional("modification_time", ArgType.STRING, "preserve", "With state touch on an existing "
                            + "path: `now` sets its modification time (and always reports a change), `preserve` keeps it.")
                            .withChoices("now", "preserve"),
                    ArgSpec.optional("access_time", ArgType.STRING, "preserve", "With state touch on an existing path: "
                            + "`now` sets its access time (and always reports a change), `preserve` keeps it.")
                            .withChoices("now", "preserve")),
            false, """
            file:
              path: /srv/app/releases
              state: directory
              owner: www-data
              group: www-data
              mode: "0755"
            """);

    @Override
    public Footprint footprint(Args args) {
        Resource path = Resource.path(args.string("path"));
        if ("directory".equals(args.string("state")) && !args.bool("recurse")) {
            // makes or adjusts the directory itself (and missing parents), never what is in it
            return new Footprint(List.of(path), List.of(Resource.entry(args.string("path"))));
        }
        return Footprint.on(path);
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args args) {
        String state = args.string("state");
        List<String> problems = new ArrayList<>();
        if (("link".equals(state) || "hard".equals(state)) && !args.has("src")) {
            problems.add("file with state " + state + " needs src: the path the link should point to");
        }
        if (args.has("src") && state != null && !"link".equals(state) && !"hard".equals(state)) {
            problems.add("src is only used with state link or hard, not with state " + state);
        }
        if (args.bool("recurse") && state != null && !"directory".equals(state)) {
            problems.add("recurse needs state directory, not " + state);
        }
        return problems;
    }

    @Override
    Plan decide(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        FileDecision.Request r = FileDecision.Request.from(args);
        List<String> paths = new ArrayList<>(List.of(r.path()));
        if (r.src() != null) {
            paths.add(r.resolvedSrc());
        }
        Probe p = FileProbe.run(ctx, new FileProbe.Query(paths, r.wanted().owner(), r.wanted().group(), null));
        List<FileDecision.Entry> tree = List.of();
        if (r.recurse() && r.wanted().any() && p.first().isDir()) {
            tree = listTree(ctx, r.path());
        }
        return FileDecision.decide(r, p, tree);
    }

    /** Everything below a directory (links not followed): type, mode, uid, gid. */
    static List<FileDecision.Entry> listTree(ModuleContext ctx, String dir) throws ModuleException, ConnectionException, InterruptedException {
        CommandResult res = ctx.run(CommandRequest.readOnly(new Command.Shell(
                "find -P " + ShellQuote.quote(dir) + " -mindepth 1 -printf '%y %m %U %G\\n'")));
        if (!res.ok()) {
            throw new ModuleException("could not list " + dir + ": " + res.stderr().strip());
        }
        try {
            return FileDecision.parseTree(res.stdout());
        } catch (IllegalArgumentException e) {
            throw new ModuleException("unexpected answer listing " + dir + " (the file modules need GNU find): " + e.getMessage(), e);
        }
    }
}
