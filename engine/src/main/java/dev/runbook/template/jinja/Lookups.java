package dev.runbook.template.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.runbook.diag.Suggestions;
import dev.runbook.template.SearchPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code lookup()} and {@code query()} / {@code q()} with the plugins that mean the same
 * here: file, env, pipe, lines, template, vars, first_found, fileglob, items, list, the loop
 * lookups ({@link LoopLookups}), password, ini and csvfile. They run on the
 * controller, as in Ansible; relative paths are looked for under the runbook's directory
 * ({@code playbook_dir}): first in its {@code files/} (or {@code templates/}) subdirectory, then
 * in the directory itself. {@code lookup} joins string results with commas (unless
 * {@code wantlist=True}); {@code query} always gives the list.
 */
public final class Lookups {
    public static final List<String> SUPPORTED = List.of("file", "env", "pipe", "lines", "template", "vars", "first_found",
            "fileglob", "items", "list", "dict", "subelements", "together", "nested", "sequence", "indexed_items", "flattened", "password", "ini", "csvfile");

    private Lookups() {
    }

    static void registerAll(Jinjava jinjava) {
        var ctx = jinjava.getGlobalContext();
        ctx.registerFunction(new ELFunctionDefinition("", "lookup", Lookups.class, "lookup", String.class, Object[].class));
        ctx.registerFunction(new ELFunctionDefinition("", "query", Lookups.class, "query", String.class, Object[].class));
        ctx.registerFunction(new ELFunctionDefinition("", "q", Lookups.class, "query", String.class, Object[].class));
        ctx.registerFunction(new ELFunctionDefinition("", WITH_FUNCTION, Lookups.class, "withLoop", String.class, Object.class,
                String.class));
    }

    /** The function the engine's {@code with_<plugin>} loops call: the rendered terms as the plugin's terms list. */
    public static final String WITH_FUNCTION = "__runbook_with";

    /**
     * A {@code with_<plugin>: terms} loop's items: {@code terms} (a list, or one value) are the
     * plugin's terms, as Ansible passes them; {@code subdir} is where first_found looks first
     * (vars for include_vars, templates for template, files otherwise).
     */
    public static List<Object> withLoop(String plugin, Object terms, String subdir) {
        List<Object> list = terms instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(java.util.Collections.singletonList(terms));
        Map<String, Object> options = new LinkedHashMap<>();
        if (plugin.equals("first_found")) {
            options.put("_subdir", subdir);
        }
        return run(new Call(plugin, list, options));
    }

    /** The terms and keyword options of one call. */
    private record Call(String plugin, List<Object> terms, Map<String, Object> options) {
        Object option(String name, Object fallback) {
            return options.containsKey(name) ? options.get(name) : fallback;
        }
    }

    public static Object lookup(String plugin, Object... args) {
        Call c = call(plugin, args);
        List<Object> ran = run(c);
        if (ran.isEmpty() || Py.truthy(c.option("wantlist", false))) {
            return ran; // as Ansible: nothing found is an empty list, not an empty string
        }
        if (ran.stream().allMatch(v -> v instanceof String)) {
            return String.join(",", ran.stream().map(String.class::cast).toList());
        }
        return ran.size() == 1 ? ran.get(0) : ran;
    }

    public static List<Object> query(String plugin, Object... args) {
        return run(call(plugin, args));
    }

    private static Call call(String plugin, Object[] args) {
        List<Object> terms = new ArrayList<>();
        Map<String, Object> options = new LinkedHashMap<>();
        for (Object a : args == null ? new Object[0] : args) {
            if (a instanceof NamedParameter p) {
                options.put(p.getName(), p.getValue());
            } else {
                terms.add(a);
            }
        }
        String name = plugin == null ? "" : plugin.startsWith("ansible.builtin.") ? plugin.substring(16) : plugin;
        return new Call(name, terms, options);
    }

    private static List<Object> run(Call c) {
        List<Object> out = new ArrayList<>();
        switch (c.plugin()) {
            case "file" -> strings(c).forEach(t -> out.add(file(c, t)));
            case "env" -> strings(c).forEach(t -> {
                String v = System.getenv(t);
                out.add(v != null ? v : c.option("default", ""));
            });
            case "pipe" -> strings(c).forEach(t -> out.add(rstrip(shell(c, t))));
            case "lines" -> strings(c).forEach(t -> out.addAll(shell(c, t).lines().toList()));
            case "template" -> strings(c).forEach(t -> out.add(template(c, t)));
            case "vars" -> strings(c).forEach(t -> out.add(var(c, t)));
            case "first_found" -> out.addAll(LookupFiles.firstFound(c.terms(), c.options(), searchPath()));
            case "fileglob" -> strings(c).forEach(t -> out.addAll(glob(t)));
            case "items" -> c.terms().forEach(t -> {
                if (t instanceof List<?> l) {
                    out.addAll(l);
                } else {
                    out.add(t);
                }
            });
            case "list" -> out.addAll(c.terms());
            case "password" -> strings(c).forEach(t -> out.add(PasswordLookup.run(t, c.options(), baseDir(),
                    Boolean.TRUE.equals(vars().get("ansible_check_mode")))));
            case "ini" -> out.addAll(IniLookup.run(strings(c), c.options(), searchPath()));
            case "csvfile" -> out.addAll(CsvLookup.run(strings(c), c.options(), searchPath()));
            default -> {
                if (!LoopLookups.NAMES.contains(c.plugin())) {
                    throw new FilterFailure("lookup plugin '" + c.plugin() + "' is not supported (supported: "
                            + String.join(", ", SUPPORTED) + "; see docs/templates.md)" + hint(c.plugin()));
                }
                out.addAll(LoopLookups.run(c.plugin(), c.terms()));
            }
        }
        return out;
    }

    private static String hint(String plugin) {
        String s = Suggestions.didYouMean(plugin, SUPPORTED);
        return s.isEmpty() ? "" : " — " + s;
    }

    private static List<String> strings(Call c) {
        List<String> out = new ArrayList<>();
        for (Object t : c.terms()) {
            if (t instanceof List<?> l) {
                l.forEach(x -> out.add(Py.str(x)));
            } else {
                out.add(Py.str(t));
            }
        }
        return out;
    }

    private static Map<String, Object> vars() {
        RenderState s = RenderContext.current();
        return s == null ? Map.of() : s.vars();
    }

    static Path baseDir() {
        Object dir = vars().get("playbook_dir");
        return dir == null ? Path.of("").toAbsolutePath() : Path.of(String.valueOf(dir));
    }

    /** Where relative file names are looked for: the task's role first, then the runbook's directory. */
    static List<Path> searchPath() {
        return SearchPath.of(vars());
    }

    private static String file(Call c, String term) {
        Path p = LookupFiles.find(searchPath(), "files", term)
                .orElseThrow(() -> new FilterFailure("could not locate file in lookup: " + term));
        String text = LookupFiles.read(p);
        if (Py.truthy(c.option("lstrip", false))) {
            text = text.stripLeading();
        }
        return Py.truthy(c.option("rstrip", true)) ? rstrip(text) : text;
    }

    private static String template(Call c, String term) {
        Path p = LookupFiles.find(searchPath(), "templates", term)
                .orElseThrow(() -> new FilterFailure("the template file " + term + " could not be found for the lookup"));
        String text = LookupFiles.read(p);
        String out = JinjavaInterpreter.getCurrent().render(text);
        // Ansible's template lookup keeps the template's trailing newline, which Jinja drops by default.
        return text.endsWith("\n") && !out.endsWith("\n") ? out + "\n" : out;
    }

    private static Object var(Call c, String name) {
        Map<String, Object> vars = vars();
        if (!vars.containsKey(name)) {
            if (c.options().containsKey("default")) {
                return c.option("default", null);
            }
            throw new FilterFailure("No variable found with this name: " + name, name);
        }
        Object v = vars.get(name);
        return v instanceof String s && s.contains("{{") ? JinjavaInterpreter.getCurrent().render(s) : v;
    }

    /** Runs a command with /bin/sh on the controller, in the runbook's directory, as Ansible's pipe does. */
    private static String shell(Call c, String command) {
        if (Boolean.TRUE.equals(vars().get("ansible_check_mode"))) {
            throw FilterFailure.knownOnlyWhenApplying("lookup('" + c.plugin() + "', ...) runs a command on the controller, which a plan never "
                    + "does: its value is known only when applying", "lookup('" + c.plugin() + "', '" + command + "')");
        }
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", command).directory(baseDir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new FilterFailure("lookup_plugin." + c.plugin() + "(" + command + ") returned " + rc);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FilterFailure("lookup('" + c.plugin() + "') cannot run /bin/sh: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FilterFailure("interrupted while running lookup('" + c.plugin() + "')");
        }
    }

    /** Files (not directories) matching the pattern, looked for like file's terms; sorted. */
    private static List<Object> glob(String term) {
        Path pattern = Path.of(term);
        String dirPart = pattern.getParent() == null ? "" : pattern.getParent().toString();
        Path dir = pattern.isAbsolute() ? pattern.getParent() : LookupFiles.find(searchPath(), "files", dirPart).orElse(null);
        List<Object> out = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, pattern.getFileName().toString())) {
            for (Path p : s) {
                if (Files.isRegularFile(p)) {
                    out.add(p.toString());
                }
            }
        } catch (IOException e) {
            throw new FilterFailure("lookup('fileglob') cannot read " + dir + ": " + e.getMessage());
        }
        out.sort(null);
        return out;
    }

    private static String rstrip(String s) {
        return s.stripTrailing();
    }
}
