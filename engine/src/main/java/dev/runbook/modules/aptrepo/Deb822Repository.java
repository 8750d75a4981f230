package dev.runbook.modules.aptrepo;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's deb822_repository: one repository as a deb822 stanza in
 * /etc/apt/sources.list.d/NAME.sources, written byte for byte as Ansible writes it (fields in the
 * order of their argument names, Ansible's field names and yes/no booleans).
 */
public final class Deb822Repository implements Module {
    /** The deb822 fields, in Ansible's (alphabetical) order, with their types. */
    private static final List<ArgSpec> FIELDS = List.of(
            ArgSpec.optional("allow_downgrade_to_insecure", ArgType.BOOL, null, "Allow a signed repository to become unsigned."),
            ArgSpec.optional("allow_insecure", ArgType.BOOL, null, "Allow an unsigned repository."),
            ArgSpec.optional("allow_weak", ArgType.BOOL, null, "Allow weak signatures."),
            ArgSpec.optional("architectures", ArgType.LIST, null, "Architectures to download (e.g. [amd64])."),
            ArgSpec.optional("by_hash", ArgType.BOOL, null, "Fetch indexes by hash."),
            ArgSpec.optional("check_date", ArgType.BOOL, null, "Check the Release file's date."),
            ArgSpec.optional("check_valid_until", ArgType.BOOL, null, "Check the Release file's Valid-Until."),
            ArgSpec.optional("components", ArgType.LIST, null, "Components (main, contrib, stable, ...)."),
            ArgSpec.optional("date_max_future", ArgType.INT, null, "Seconds a Release file may be dated in the future."),
            ArgSpec.optional("enabled", ArgType.BOOL, null, "false writes `Enabled: no`: configured but not used."),
            ArgSpec.optional("inrelease_path", ArgType.STRING, null, "Path of the InRelease file."),
            ArgSpec.optional("languages", ArgType.LIST, null, "Translation languages to download."),
            ArgSpec.required("name", ArgType.STRING, "The repository's name: the file is /etc/apt/sources.list.d/NAME.sources "
                    + "(spaces become `-`) and it is written as X-Repolib-Name."),
            ArgSpec.optional("pdiffs", ArgType.BOOL, null, "Use index diffs."),
            ArgSpec.optional("signed_by", ArgType.STRING, null, "The key: a path of a keyring (`/etc/apt/keyrings/docker.asc`, "
                    + "put there with get_url) or an armored key block written into the file."),
            ArgSpec.optional("suites", ArgType.LIST, null, "Suites (bookworm, bookworm-updates, ./ for a flat repository)."),
            ArgSpec.optional("targets", ArgType.LIST, null, "Index targets to download."),
            ArgSpec.optional("trusted", ArgType.BOOL, null, "Trust the repository even without a valid signature."),
            ArgSpec.optional("types", ArgType.LIST, List.of("deb"), "deb and/or deb-src."),
            ArgSpec.optional("uris", ArgType.LIST, null, "The repository's URIs."));
    private static final ModuleSpec SPEC = new ModuleSpec("deb822_repository",
            "Add or remove an APT repository as a deb822 `.sources` file, as Ansible's ansible.builtin.deb822_repository "
                    + "(the modern form of apt_repository; with a key from /etc/apt/keyrings).",
            args(), false, """
            deb822_repository:
              name: docker
              types: [deb]
              uris: https://download.docker.com/linux/debian
              suites: [bookworm]
              components: [stable]
              signed_by: /etc/apt/keyrings/docker.asc
            """);

    private static List<ArgSpec> args() {
        List<ArgSpec> a = new ArrayList<>(FIELDS);
        a.add(ArgSpec.optional("mode", ArgType.MODE, "0644", "Mode of the .sources file."));
        a.add(ArgSpec.optional("state", ArgType.STRING, "present", "present: the file holds this stanza; absent: the file "
                + "(and a key Ansible downloaded for it, /etc/apt/keyrings/NAME.asc or .gpg) is removed.").withChoices("present", "absent"));
        a.add(ArgSpec.optional("install_python_debian", ArgType.BOOL, true, "Accepted for Ansible roles: runbook needs no python-debian."));
        a.add(ArgSpec.optional("root", ArgType.STRING, null, "runbook extension: manage the sources of another root directory."));
        return a;
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Footprint footprint(Args args) {
        String root = root(args);
        return Footprint.on(Resource.path(root + "/etc/apt/sources.list.d"), Resource.path(root + "/etc/apt/keyrings"));
    }

    @Override
    public List<String> validate(Args args) {
        String key = args.string("signed_by");
        if (key != null && key.matches("(?i)(https?|ftp)://\\S+")) {
            return List.of("signed_by " + key + ": download the key with get_url to /etc/apt/keyrings/ in an earlier task "
                    + "and give its path here (see docs/system.md, APT keys)");
        }
        if ("present".equals(args.string("state")) && (args.list("uris").isEmpty() || args.list("suites").isEmpty())) {
            return List.of("deb822_repository with state present needs uris and suites");
        }
        return List.of();
    }

    private static String root(Args args) {
        return args.has("root") ? args.string("root").replaceAll("/+$", "") : "";
    }

    /** The file's content as Ansible writes it. */
    public static String render(Args args) {
        StringBuilder sb = new StringBuilder();
        for (ArgSpec f : FIELDS) {
            Object v = args.get(f.name());
            if (v == null) {
                continue;
            }
            String value = switch (f.type()) {
                case BOOL -> Args.toBool(v) ? "yes" : "no";
                case LIST -> String.join(" ", args.strings(f.name()));
                default -> String.valueOf(v);
            };
            if (value.contains("\n")) {
                StringBuilder ml = new StringBuilder();
                for (String line : value.strip().split("\n")) {
                    ml.append("\n    ").append(line.strip().isEmpty() ? "." : line.strip());
                }
                value = ml.toString();
            }
            String field = switch (f.name()) {
                case "name" -> "X-Repolib-Name";
                case "uris" -> "URIs";
                default -> title(f.name().replace('_', '-'));
            };
            sb.append(field).append(value.startsWith("\n") ? ":" : ": ").append(value).append('\n');
        }
        return sb.toString();
    }

    /** Python's str.title(): each run of letters starts upper-case, the rest lower-case. */
    private static String title(String s) {
        StringBuilder out = new StringBuilder();
        boolean start = true;
        for (char c : s.toCharArray()) {
            out.append(Character.isLetter(c) ? (start ? Character.toUpperCase(c) : Character.toLowerCase(c)) : c);
            start = !Character.isLetter(c);
        }
        return out.toString();
    }

    /** What is on the host: the file names in use and their content and mode (null when missing). */
    private record Found(String file, String content, Integer mode, List<String> keys) {
    }

    private static Found probe(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        String name = args.string("name");
        String legacy = name.toLowerCase().replaceAll("[_\\s]+", "-").replaceAll("[^a-z0-9-]+", "");
        String root = root(args);
        String dir = root + SourcesProbe.PARTS + "/";
        String script = "if [ -f " + ShellQuote.quote(dir + legacy + ".sources") + " ]; then echo legacy; fi\n"
                + "for f in " + ShellQuote.quote(dir + name.replace(' ', '-') + ".sources") + " " + ShellQuote.quote(dir + legacy + ".sources")
                + "; do if [ -f \"$f\" ]; then printf '%s\\n%s\\n' \"$(stat -c %a -- \"$f\")\" \"$(base64 -w0 < \"$f\")\"; exit 0; fi; done\n";
        CommandResult r = ctx.run(CommandRequest.readOnly(new Command.Shell(script)));
        if (!r.ok()) {
            throw new ModuleException("could not read " + dir + " on " + ctx.host() + ": " + r.stderr().strip());
        }
        List<String> lines = r.stdout().lines().toList();
        boolean isLegacy = !lines.isEmpty() && lines.get(0).equals("legacy");
        List<String> rest = isLegacy ? lines.subList(1, lines.size()) : lines;
        String slug = isLegacy ? legacy : name.replace(' ', '-');
        String file = SourcesProbe.PARTS + "/" + slug + ".sources";
        String content = rest.size() >= 2 ? new String(Base64.getDecoder().decode(rest.get(1)), StandardCharsets.UTF_8) : null;
        Integer mode = rest.size() >= 2 ? Integer.valueOf(rest.get(0), 8) : null;
        List<String> keys = new ArrayList<>();
        for (String ext : List.of("asc", "gpg")) {
            String k = "/etc/apt/keyrings/" + slug + "." + ext;
            if (ctx.run(CommandRequest.readOnly(Command.Argv.of("test", "-f", root + k))).exitCode() == 0) {
                keys.add(k);
            }
        }
        return new Found(file, content, mode, keys);
    }

    private record Decision(Change change, List<Action> actions, Map<String, Object> result) {
    }

    private Decision decide(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        List<String> problems = validate(args);
        if (!problems.isEmpty()) {
            throw new ModuleException(String.join("; ", problems));
        }
        Found f = probe(ctx, args);
        String root = root(args);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dest", f.file());
        List<Action> actions = new ArrayList<>();
        if ("absent".equals(args.string("state"))) {
            result.put("repo", null);
            result.put("key_filename", f.keys().isEmpty() ? null : f.keys().get(0));
            List<String> gone = new ArrayList<>(f.keys());
            if (f.content() != null) {
                gone.add(0, f.file());
            }
            for (String g : gone) {
                actions.add(new Action.Shell("rm -f -- " + ShellQuote.quote(root + g), "remove " + g));
            }
            result.put("changed", !gone.isEmpty());
            Change c = gone.isEmpty() ? Change.none(f.file() + " is absent")
                    : new Change(ChangeKind.REMOVE, "would remove " + String.join(", ", gone), null, result, null);
            return new Decision(c.withResult(result), actions, result);
        }
        String text = render(args);
        result.put("repo", text);
        result.put("key_filename", args.has("signed_by") && args.string("signed_by").startsWith("/") ? args.string("signed_by") : null);
        int mode = args.mode("mode") != null ? args.mode("mode") : 0644;
        boolean same = text.equals(f.content());
        if (same && f.mode() != null && f.mode() == mode) {
            result.put("changed", false);
            return new Decision(Change.none(f.file() + " is up to date").withResult(result), actions, result);
        }
        result.put("changed", true);
        actions.add(new Action.Shell("mkdir -p -- " + ShellQuote.quote(root + SourcesProbe.PARTS), "create " + SourcesProbe.PARTS));
        actions.add(new Action.Upload(Content.of(text.getBytes(StandardCharsets.UTF_8)), root + f.file(), FileAttrs.mode(mode), null));
        String what = f.content() == null ? "create " + f.file() : same ? "set mode " + Integer.toOctalString(mode) + " on " + f.file()
                : "update " + f.file();
        Change c = new Change(f.content() == null ? ChangeKind.CREATE : ChangeKind.CHANGE, "would " + what,
                same ? null : UnifiedDiff.of(f.content() == null ? "" : f.content(), text, f.content() == null ? "/dev/null" : f.file(), f.file()),
                result, null);
        return new Decision(c, actions, result);
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        return decide(ctx, args).change();
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        Decision d = decide(ctx, args);
        if (!d.change().kind().isChange()) {
            return new ModuleResult(false, false, d.change().summary(), d.result(), null);
        }
        Steps.apply(ctx, new Plan(d.change(), "", d.actions()));
        Map<String, Object> data = new LinkedHashMap<>(d.result());
        data.remove("changed");
        return new ModuleResult(true, false, d.change().summary().replaceFirst("^would ", ""), data, ctx.diff() ? d.change().diff() : null);
    }
}
