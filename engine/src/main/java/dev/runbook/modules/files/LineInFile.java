package dev.runbook.modules.files;

import dev.runbook.modules.Resource;
import dev.runbook.modules.Footprint;
import dev.runbook.connection.ConnectionException;
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
import java.util.Map;
import java.util.regex.Pattern;

/** Ansible's lineinfile: one line present (replacing the last match of regexp) or absent. */
public final class LineInFile extends PlannedModule {
    private static final ModuleSpec SPEC = new ModuleSpec("lineinfile",
            "Make sure one line is in a text file (replacing the last line matching `regexp`) or that matching lines "
                    + "are gone, with Ansible's exact rules. Plan mode reads the file and shows the diff of the edit.",
            args(), false, """
            lineinfile:
              path: /etc/ssh/sshd_config
              regexp: '^#?PasswordAuthentication '
              line: PasswordAuthentication no
              validate: /usr/sbin/sshd -t -f %s
            """);

    private static List<ArgSpec> args() {
        List<ArgSpec> a = new ArrayList<>(List.of(
                ArgSpec.required("path", ArgType.STRING, "The file to edit.").withAliases("dest", "destfile", "name"),
                ArgSpec.optional("regexp", ArgType.STRING, null, "Python-style regular expression searched in every line; "
                        + "the last match is replaced (removed with state absent).").withAliases("regex"),
                ArgSpec.optional("search_string", ArgType.STRING, null, "A literal string to look for instead of regexp."),
                ArgSpec.optional("line", ArgType.STRING, null, "The line to have in the file.").withAliases("value"),
                ArgSpec.optional("state", ArgType.STRING, "present", "Whether the line should be there.")
                        .withChoices("present", "absent"),
                ArgSpec.optional("insertafter", ArgType.STRING, null, "When nothing matches: insert after the last line "
                        + "matching this regular expression, or `EOF` (the default) / `BOF`."),
                ArgSpec.optional("insertbefore", ArgType.STRING, null, "When nothing matches: insert before the last line "
                        + "matching this regular expression, or `BOF`."),
                ArgSpec.optional("firstmatch", ArgType.BOOL, false, "Use the first match of regexp/insertafter/insertbefore "
                        + "instead of the last."),
                ArgSpec.optional("backrefs", ArgType.BOOL, false, "Fill \\1 or \\g<name> in line from regexp's groups; "
                        + "when regexp matches nothing the file is left unchanged."),
                ArgSpec.optional("create", ArgType.BOOL, false, "Create the file when it does not exist.")));
        a.addAll(Copy.WRITE_ARGS);
        return a;
    }

    @Override
    public Footprint footprint(Args args) {
        return Footprint.on(Resource.path(args.string("path")));
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public List<String> validate(Args a) {
        List<String> problems = new ArrayList<>(Copy.validateCommand(a));
        boolean present = "present".equals(a.string("state"));
        if (present && !a.has("line")) {
            problems.add("lineinfile with state present needs line");
        }
        if (!present && !a.has("line") && !a.has("regexp") && !a.has("search_string")) {
            problems.add("lineinfile with state absent needs one of line, regexp or search_string");
        }
        if (a.has("regexp") && a.has("search_string")) {
            problems.add("regexp and search_string cannot be used together");
        }
        if (a.has("insertafter") && a.has("insertbefore")) {
            problems.add("insertafter and insertbefore cannot be used together");
        }
        if (a.bool("backrefs") && !a.has("regexp")) {
            problems.add("backrefs needs regexp");
        }
        return problems;
    }

    @Override
    Plan decide(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        return decide(TextFile.load(ctx, args.string("path"), Wanted.from(args)), args, ctx.diff());
    }

    static Plan decide(TextFile.Loaded f, Args args, boolean diff) throws ModuleException {
        String path = f.file().path();
        Pattern regexp = pattern(args, "regexp");
        boolean present = "present".equals(args.string("state"));
        if (!f.exists()) {
            if (!present) {
                return Plan.none(Change.none(path + " does not exist, so the line is absent")
                        .withResult(Map.of("changed", false, "msg", "file not present")));
            }
            if (!args.bool("create")) {
                throw new MissingOnHost("destination " + path + " does not exist (set create: true to create it)", path);
            }
        }
        List<String> lines = LineEdit.split(f.text());
        LineEdit.Result r;
        if (present) {
            LineEdit.Params p = new LineEdit.Params(regexp, args.string("search_string"), args.string("line"),
                    args.string("insertafter"), args.string("insertbefore"), args.bool("backrefs"), args.bool("firstmatch"));
            r = LineEdit.present(lines, p, insertPattern(args));
        } else {
            r = LineEdit.absent(lines, regexp, args.string("search_string"), args.string("line"));
        }
        String what = !f.exists() ? "create " + path + " with the line"
                : r.msg().equals("line added") ? "add a line to " + path
                : r.msg().equals("line replaced") ? "replace a line in " + path
                : "remove " + r.msg().replace(" removed", "") + " from " + path;
        return TextFile.write(f, args, String.join("", r.lines()), what, r.msg(), diff);
    }

    private static Pattern insertPattern(Args args) throws ModuleException {
        String after = args.string("insertafter");
        String before = args.string("insertbefore");
        if (after != null && !after.equals("BOF") && !after.equals("EOF")) {
            return pattern(args, "insertafter");
        }
        return before != null && !before.equals("BOF") ? pattern(args, "insertbefore") : null;
    }

    private static Pattern pattern(Args args, String name) throws ModuleException {
        try {
            return args.has(name) ? PyRegex.compile(args.string(name), name) : null;
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage(), e);
        }
    }
}
