package dev.runbook.modules.aptrepo;

import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.FileAttrs;
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
import dev.runbook.modules.files.Action;
import dev.runbook.modules.files.Content;
import dev.runbook.modules.files.Plan;
import dev.runbook.modules.files.Steps;
import dev.runbook.modules.files.UnifiedDiff;
import dev.runbook.modules.system.AptLists;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's apt_repository on one-line sources: the same lookup (a source anywhere in
 * sources.list or sources.list.d/*.list, even commented out, is enabled instead of added), the
 * same file names and the same normalised file content. A source that an enabled deb822 stanza
 * (*.sources) already gives counts as present, so Debian 12's and Ubuntu 24.04's own
 * repositories are not configured twice. The package lists are refreshed after a change.
 */
public final class AptRepository implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("apt_repository",
            "Add or remove an APT source in one-line style (`deb [signed-by=...] URI suite components`) in "
                    + "/etc/apt/sources.list.d, as Ansible's ansible.builtin.apt_repository. Plan mode shows the diff.",
            List.of(ArgSpec.required("repo", ArgType.STRING, "The source line, e.g. `deb [arch=amd64 signed-by=/etc/apt/keyrings/"
                            + "docker.asc] https://download.docker.com/linux/debian bookworm stable`."),
                    ArgSpec.optional("state", ArgType.STRING, "present", "present: the source is configured and enabled; absent: "
                            + "every enabled copy is removed (a file left empty is deleted).").withChoices("present", "absent"),
                    ArgSpec.optional("filename", ArgType.STRING, null, "Name of the file in /etc/apt/sources.list.d, without "
                            + "`.list`. Default: made from the URI (`download_docker_com_linux_debian.list`)."),
                    ArgSpec.optional("mode", ArgType.MODE, null, "Mode of a new sources file. Default 0644."),
                    ArgSpec.optional("update_cache", ArgType.BOOL, true, "Run apt-get update after a change.")
                            .withAliases("update-cache"),
                    ArgSpec.optional("update_cache_retries", ArgType.INT, 5, "How many times to try apt-get update."),
                    ArgSpec.optional("update_cache_retry_max_delay", ArgType.DURATION, 12, "Longest pause between those tries."),
                    ArgSpec.optional("codename", ArgType.STRING, null, "Accepted for Ansible roles; used by Ansible for Ubuntu PPAs only."),
                    ArgSpec.optional("install_python_apt", ArgType.BOOL, true, "Accepted for Ansible roles: runbook needs no python-apt."),
                    ArgSpec.optional("validate_certs", ArgType.BOOL, true, "Accepted for Ansible roles: nothing is downloaded."),
                    ArgSpec.optional("root", ArgType.STRING, null, "runbook extension: manage the sources of another root "
                            + "directory (a chroot) instead of the host's.")),
            false, """
            apt_repository:
              repo: "deb [signed-by=/etc/apt/keyrings/nginx.asc] http://nginx.org/packages/debian bookworm nginx"
              filename: nginx
            """);

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Footprint footprint(Args args) {
        String root = args.has("root") ? args.string("root").replaceAll("/+$", "") : "";
        return new Footprint(List.of(Resource.path(root + "/etc/apt")),
                List.of(Resource.path(root + "/etc/apt"), Resource.path(root + "/var/lib/apt/lists")));
    }

    @Override
    public List<String> validate(Args args) {
        String repo = args.string("repo");
        if (repo.isBlank()) {
            return List.of("Please set argument 'repo' to a non-empty value");
        }
        if (repo.strip().startsWith("ppa:")) {
            return List.of("PPAs (" + repo.strip() + ") are not supported: give the one-line source with its signed-by key "
                    + "instead (see docs/system.md, apt_repository)");
        }
        SourceLine l = SourceLine.parse(repo);
        if (!l.valid() || !l.enabled()) {
            return List.of("Invalid repository string: " + repo.strip());
        }
        return List.of();
    }

    /** What the task changes: every file's new content (null: deleted), and the result to register. */
    record Edit(Map<String, String> write, Set<String> delete, Map<String, String> before, String added, String note) {
        boolean changed() {
            return !write.isEmpty() || !delete.isEmpty();
        }
    }

    static Edit edit(SourcesProbe probe, Args args) {
        String source = SourceLine.parse(args.string("repo")).source();
        SourcesFiles files = new SourcesFiles(probe.oneLine());
        Map<String, String> before = files.dump();
        String added = null;
        String note = null;
        if ("present".equals(args.string("state"))) {
            String name = args.has("filename") ? args.string("filename") + ".list" : SourcesFiles.suggestedName(source);
            String file = name.contains("/") ? name : SourcesProbe.PARTS + "/" + name;
            boolean inDeb822 = false;
            for (var e : probe.contents().entrySet()) {
                if (e.getKey().endsWith(".sources") && Deb822.parse(e.getValue()).stream().anyMatch(s -> Deb822.covers(s, source))) {
                    inDeb822 = true;
                    note = "already given by " + e.getKey();
                }
            }
            boolean inList = before.values().stream().anyMatch(t -> t.lines().anyMatch(l -> {
                SourceLine p = SourceLine.parse(l);
                return p.valid() && p.source().equals(source);
            }));
            if (!inDeb822 || inList) {
                added = files.add(source, file);
            }
        } else {
            files.remove(source);
        }
        Map<String, String> after = files.dump();
        Map<String, String> write = new LinkedHashMap<>();
        Set<String> delete = new LinkedHashSet<>();
        Set<String> all = new LinkedHashSet<>(before.keySet());
        all.addAll(after.keySet());
        for (String f : all) {
            String b = before.get(f);
            String a = after.get(f);
            if (a == null) {
                delete.add(f);
            } else if (!a.equals(b)) {
                write.put(f, a);
            }
        }
        return new Edit(write, delete, before, added, note);
    }

    private static String diff(Edit e) {
        StringBuilder sb = new StringBuilder();
        e.write().forEach((f, text) -> sb.append(UnifiedDiff.of(e.before().getOrDefault(f, ""), text,
                e.before().containsKey(f) ? f : "/dev/null", f)));
        e.delete().forEach(f -> sb.append(UnifiedDiff.of(e.before().get(f), "", f, "/dev/null")));
        return sb.toString();
    }

    private static String summary(Edit e, Args args) {
        String repo = "'" + SourceLine.parse(args.string("repo")).source() + "'";
        List<String> parts = new ArrayList<>();
        if ("present".equals(args.string("state"))) {
            parts.add(e.added() != null ? "add " + repo + " to " + e.added() + (e.before().containsKey(e.added()) ? "" : " (new file)")
                    : "enable " + repo);
        } else {
            parts.add("remove " + repo + (e.delete().isEmpty() ? "" : " (deleting " + String.join(", ", e.delete()) + ")"));
        }
        return String.join("", parts) + (args.bool("update_cache") ? ", then refresh the package lists" : "");
    }

    private static Map<String, Object> result(Edit e, Args args) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", e.changed());
        r.put("repo", args.string("repo"));
        r.put("state", args.string("state"));
        r.put("sources_added", e.write().keySet().stream().filter(f -> !e.before().containsKey(f)).toList());
        r.put("sources_removed", List.copyOf(e.delete()));
        return r;
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        requireValid(args);
        Edit e = edit(SourcesProbe.run(ctx, args.string("root")), args);
        if (!e.changed()) {
            return Change.none(e.note() != null ? "nothing to change: " + e.note() : "nothing to change").withResult(result(e, args));
        }
        ChangeKind kind = "absent".equals(args.string("state")) ? ChangeKind.REMOVE
                : e.before().isEmpty() || e.write().keySet().stream().noneMatch(e.before()::containsKey) ? ChangeKind.CREATE : ChangeKind.CHANGE;
        return new Change(kind, "would " + summary(e, args), diff(e), result(e, args), null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        requireValid(args);
        String root = args.has("root") ? args.string("root").replaceAll("/+$", "") : "";
        SourcesProbe probe = SourcesProbe.run(ctx, args.string("root"));
        Edit e = edit(probe, args);
        if (!e.changed()) {
            return new ModuleResult(false, false, e.note() != null ? "nothing to change: " + e.note() : "nothing to change",
                    result(e, args), null);
        }
        List<Action> actions = new ArrayList<>();
        for (var w : e.write().entrySet()) {
            Integer mode = probe.modes().get(w.getKey());
            int m = mode != null ? mode : args.mode("mode") != null ? args.mode("mode") : 0644;
            actions.add(new Action.Shell("mkdir -p -- " + ShellQuote.quote(root + parent(w.getKey())), "create " + parent(w.getKey())));
            actions.add(new Action.Upload(Content.of(w.getValue().getBytes(StandardCharsets.UTF_8)), root + w.getKey(),
                    FileAttrs.mode(m), null));
        }
        for (String d : e.delete()) {
            actions.add(new Action.Shell("rm -f -- " + ShellQuote.quote(root + d), "remove " + d));
        }
        Steps.apply(ctx, new Plan(Change.of(ChangeKind.CHANGE, ""), "", actions));
        Map<String, Object> data = result(e, args);
        if (args.bool("update_cache")) {
            AptLists.update(ctx, args.string("root"), args.integer("update_cache_retries"), args.duration("update_cache_retry_max_delay"));
        }
        data.remove("changed");
        return new ModuleResult(true, false, summary(e, args).replace("add ", "added ").replace("enable ", "enabled ")
                .replace("remove ", "removed ").replace("then refresh", "refreshed"), data, ctx.diff() ? diff(e) : null);
    }

    private static String parent(String path) {
        return path.substring(0, Math.max(1, path.lastIndexOf('/')));
    }

    private void requireValid(Args args) throws ModuleException {
        List<String> problems = validate(args);
        if (!problems.isEmpty()) {
            throw new ModuleException(String.join("; ", problems));
        }
    }
}
