package dev.runbook.modules.core;

import dev.runbook.diag.UserInputException;
import dev.runbook.inventory.AnsibleVarsFile;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.ModuleSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Ansible's include_vars: variables from a YAML/JSON file, or every such file of a directory, on
 * the controller, set on the host for the tasks that follow with Ansible's precedence (above
 * task and step vars, below set_fact and registered results; see {@code VarScope.Layer.INCLUDED}).
 */
public final class IncludeVars implements Module {
    /** The result key that tells the engine these facts are included variables, not set_fact's. */
    public static final String INCLUDED_FILES = "ansible_included_var_files";
    private static final ModuleSpec SPEC = new ModuleSpec("include_vars",
            "Load variables from a YAML or JSON file, or from every such file of a directory, on the controller "
                    + "(Ansible's ansible.builtin.include_vars), for the tasks and steps that follow on the host.",
            List.of(ArgSpec.optional("file", ArgType.STRING, null, "The file (or give it as the free-form value); relative "
                            + "paths are looked up in `vars/` and then beside the runbook (in a role: its own `vars/` first)."),
                    ArgSpec.optional("dir", ArgType.STRING, null, "A directory: every file with one of `extensions`, sorted, "
                            + "subdirectories too (see depth); later files win."),
                    ArgSpec.optional("name", ArgType.STRING, null, "Put the variables under this one variable (a map) instead."),
                    ArgSpec.optional("depth", ArgType.INT, 0, "With dir: how deep to descend (0: all the way)."),
                    ArgSpec.optional("files_matching", ArgType.STRING, null, "With dir: only files whose name matches this "
                            + "regular expression (searched, as Python's re.search)."),
                    ArgSpec.optional("ignore_files", ArgType.LIST, null, "With dir: file names to skip (regular expressions "
                            + "matched at the end of the name)."),
                    ArgSpec.optional("extensions", ArgType.LIST, List.of("json", "yaml", "yml"), "With dir: the file "
                            + "extensions to load."),
                    ArgSpec.optional("ignore_unknown_extensions", ArgType.BOOL, false, "With dir: skip files with other "
                            + "extensions instead of failing."),
                    ArgSpec.optional("hash_behaviour", ArgType.STRING, null, "replace (default): a later file's map replaces an "
                            + "earlier one's; merge: maps are merged recursively.").withChoices("replace", "merge")),
            true, """
            include_vars:
              file: "{{ ansible_os_family }}.yml"
            """);

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public boolean isControllerOnly() {
        return true;
    }

    @Override
    public List<String> validate(Args args) {
        int given = (args.has("file") ? 1 : 0) + (args.has("dir") ? 1 : 0)
                + (args.freeForm() != null && !args.freeForm().isBlank() ? 1 : 0);
        if (given != 1) {
            return List.of("include_vars needs exactly one of file (or the free-form value) and dir");
        }
        if (args.has("files_matching")) {
            try {
                Pattern.compile(args.string("files_matching"));
            } catch (java.util.regex.PatternSyntaxException e) {
                return List.of("files_matching '" + args.string("files_matching") + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        return List.of();
    }

    @Override
    public Change check(ModuleContext ctx, Args args) throws ModuleException {
        ModuleResult r = apply(ctx, args);
        return new Change(ChangeKind.NONE, r.msg(), null, r.data(), null);
    }

    @Override
    public ModuleResult apply(ModuleContext ctx, Args args) throws ModuleException {
        List<String> problems = validate(args);
        if (!problems.isEmpty()) {
            throw new ModuleException(problems.get(0));
        }
        List<Path> files = args.has("dir") ? directory(ctx, args) : List.of(find(ctx, args.has("file") ? args.string("file")
                : args.freeForm().strip(), false));
        Map<String, Object> vars = new LinkedHashMap<>();
        boolean merge = "merge".equals(args.string("hash_behaviour"));
        for (Path f : files) {
            Map<String, Object> loaded = load(ctx, f);
            if (merge) {
                deepMerge(vars, loaded);
            } else {
                vars.putAll(loaded);
            }
        }
        Map<String, Object> facts = args.has("name") ? Map.of(args.string("name"), vars) : vars;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ansible_facts", facts);
        data.put(INCLUDED_FILES, files.stream().map(Path::toString).toList());
        String what = args.has("name") ? "'" + args.string("name") + "'" : vars.isEmpty() ? "no variables"
                : String.join(", ", vars.keySet());
        return new ModuleResult(false, false, "loaded " + what + " from " + files.size() + " file(s)", data, null);
    }

    /**
     * A relative name is looked for as Ansible looks for it: in the task's role ({@code vars/NAME},
     * then {@code NAME}), then beside the runbook ({@code vars/NAME}, then {@code NAME}).
     */
    private static Path find(ModuleContext ctx, String name, boolean directory) throws ModuleException {
        Path p = ctx.controllerFile(name, "vars");
        if (directory ? Files.isDirectory(p) : Files.isRegularFile(p)) {
            return p;
        }
        throw new ModuleException("Could not find or access '" + name + "' on the controller (looked in vars/ and the "
                + "directory of the task's role, then of the runbook; last " + p + ")");
    }

    /** Ansible's walk: directories in sorted order, files sorted in each, down to depth. */
    private static List<Path> directory(ModuleContext ctx, Args args) throws ModuleException {
        Path dir = find(ctx, args.string("dir"), true);
        long depth = args.integer("depth");
        Pattern matching = args.has("files_matching") ? Pattern.compile(args.string("files_matching")) : null;
        List<Pattern> ignore = args.strings("ignore_files").stream().map(i -> Pattern.compile(i + "$")).toList();
        List<String> extensions = args.strings("extensions");
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = depth > 0 ? Files.walk(dir, (int) depth) : Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .sorted((a, b) -> {
                        int byDir = dir.relativize(a.getParent()).toString().compareTo(dir.relativize(b.getParent()).toString());
                        return byDir != 0 ? byDir : a.getFileName().toString().compareTo(b.getFileName().toString());
                    }).toList();
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (ignore.stream().anyMatch(p -> p.matcher(name).find()) || matching != null && !matching.matcher(name).find()) {
                    continue;
                }
                int dot = name.lastIndexOf('.');
                String ext = dot < 0 ? "" : name.substring(dot + 1);
                if (!extensions.contains(ext)) {
                    if (args.bool("ignore_unknown_extensions")) {
                        continue;
                    }
                    throw new ModuleException(f + " does not have a valid extension: " + String.join(", ", extensions));
                }
                out.add(f);
            }
        } catch (IOException e) {
            throw new ModuleException("cannot read directory " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static Map<String, Object> load(ModuleContext ctx, Path f) throws ModuleException {
        try {
            var plain = ctx.decryptedControllerFile(f);
            String text = plain.isPresent() ? new String(plain.get(), StandardCharsets.UTF_8) : Files.readString(f);
            return AnsibleVarsFile.parse(text, f.toString());
        } catch (IOException e) {
            throw new ModuleException("cannot read " + f + ": " + e.getMessage(), e);
        } catch (UserInputException e) {
            throw new ModuleException(e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m && into.get(k) instanceof Map<?, ?> old) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) old);
                deepMerge(merged, (Map<String, Object>) m);
                into.put(k, merged);
            } else {
                into.put(k, v);
            }
        });
    }
}
