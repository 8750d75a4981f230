package dev.runbook.modules.files;

import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.ArgType;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.Footprint;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleSpec;
import dev.runbook.modules.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's replace: every match of a Python regular expression over the whole file (multi-line
 * mode) replaced by a template with {@code \1} / {@code \g<name>} back-references, optionally only
 * in the part of the file between {@code after} and {@code before}.
 */
public final class Replace extends PlannedModule {
    private static final ModuleSpec SPEC = new ModuleSpec("replace",
            "Replace every match of a regular expression in a file (Ansible's ansible.builtin.replace, Python `re` "
                    + "semantics and back-references). Plan mode reads the file and shows the diff.",
            args(), false, """
            replace:
              path: /etc/php/8.2/fpm/php.ini
              regexp: '^;?(memory_limit)\\s*=.*$'
              replace: '\\1 = 256M'
              backup: true
            """);

    private static List<ArgSpec> args() {
        List<ArgSpec> a = new ArrayList<>(List.of(
                ArgSpec.required("path", ArgType.STRING, "The file to edit; it must exist.").withAliases("dest", "destfile", "name"),
                ArgSpec.required("regexp", ArgType.STRING, "Python regular expression, searched in the whole file with "
                        + "re.MULTILINE (`^` and `$` match at every line); every match is replaced."),
                ArgSpec.optional("replace", ArgType.STRING, null, "The replacement; `\\1`, `\\g<1>` and `\\g<name>` insert "
                        + "groups of the match. Empty deletes the matches."),
                ArgSpec.optional("after", ArgType.STRING, null, "Only replace in the text after the first match of this "
                        + "regular expression (re.DOTALL)."),
                ArgSpec.optional("before", ArgType.STRING, null, "Only replace in the text before the match of this regular "
                        + "expression (the last one without after; the first one after `after`)."),
                ArgSpec.optional("encoding", ArgType.STRING, "utf-8", "The file's character set.")));
        a.addAll(Copy.WRITE_ARGS);
        return a;
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.on(Resource.path(args.string("path")));
    }

    @Override
    public List<String> validate(Args a) {
        List<String> problems = new ArrayList<>(Copy.validateCommand(a));
        for (String name : List.of("regexp", "after", "before")) {
            if (a.has(name)) {
                try {
                    PyRegex.compile(a.string(name), name, 0);
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        return problems;
    }

    @Override
    Plan decide(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        return decide(TextFile.load(ctx, args.string("path"), Wanted.from(args)), args, ctx.diff());
    }

    static Plan decide(TextFile.Loaded loaded, Args args, boolean diff) throws ModuleException {
        TextFile.Loaded f = loaded;
        String path = f.file().path();
        if (!f.exists()) {
            throw new MissingOnHost("Path " + path + " does not exist !", path);
        }
        f = TextFile.decoded(f, args.string("encoding"));
        String contents = f.text();
        String replace = args.has("replace") ? args.string("replace") : "";
        Edit e = edit(contents, args.string("regexp"), replace, args.string("after"), args.string("before"));
        String text = e.text() == null ? contents : e.text();
        String msg = e.text() == null ? e.msg() : e.count() + " replacements made";
        Plan p = TextFile.write(f, args, text, "replace " + e.count() + " match(es) in " + path, msg, diff);
        if (e.text() == null && p.changes()) {
            // Only attributes change: Ansible's check_file_attrs message.
            Map<String, Object> result = new LinkedHashMap<>(p.change().result());
            result.put("msg", "ownership, perms or SE linux context changed");
            Change c = p.change().withResult(result);
            return new Plan(c, p.done(), p.actions());
        }
        return p;
    }

    /** The replaced text (null when nothing changes), the number of matches, and Ansible's message. */
    record Edit(String text, int count, String msg) {
    }

    /** Ansible's algorithm: the section between after and before, then re.subn over it. */
    static Edit edit(String contents, String regexp, String replace, String after, String before) {
        String pattern = after != null && before != null ? after + "(?P<subsection>.*?)" + before
                : after != null ? after + "(?P<subsection>.*)"
                : before != null ? "(?P<subsection>.*)" + before : null;
        String section = contents;
        int from = 0;
        int to = contents.length();
        if (pattern != null) {
            Matcher m = PyRegex.compile(pattern, "after/before", Pattern.DOTALL).matcher(contents);
            if (!m.find()) {
                return new Edit(null, 0, "Pattern for before/after params did not match the given file: " + pattern);
            }
            from = m.start("subsection");
            to = m.end("subsection");
            section = m.group("subsection");
        }
        Matcher m = PyRegex.compile(regexp, "regexp", Pattern.MULTILINE).matcher(section);
        StringBuilder out = new StringBuilder();
        int count = 0;
        int last = 0;
        while (m.find()) {
            out.append(section, last, m.start()).append(PyRegex.expand(m, replace));
            last = m.end();
            count++;
        }
        out.append(section.substring(last));
        String replaced = out.toString();
        if (count == 0 || replaced.equals(section)) {
            return new Edit(null, count, "");
        }
        return new Edit(contents.substring(0, from) + replaced + contents.substring(to), count, "");
    }
}
