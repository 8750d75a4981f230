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

/** community.general.ini_file: one option of one section of an INI file, with Ansible's exact layout. */
public final class IniFile extends PlannedModule {
    private static final ModuleSpec SPEC = new ModuleSpec("ini_file",
            "Manage options and sections of INI files (community.general.ini_file), written byte for byte as Ansible "
                    + "writes them. Plan mode reads the file and shows the diff.",
            args(), false, """
            ini_file:
              path: /etc/php/8.2/fpm/php.ini
              section: PHP
              option: memory_limit
              value: 256M
              backup: true
            """);

    private static List<ArgSpec> args() {
        List<ArgSpec> a = new ArrayList<>(List.of(
                ArgSpec.required("path", ArgType.STRING, "The INI file; created (with its directory) unless create is false.")
                        .withAliases("dest"),
                ArgSpec.optional("section", ArgType.STRING, null, "The section (without brackets); unset or empty means the "
                        + "options before the first section header. The first section of that name is edited."),
                ArgSpec.optional("option", ArgType.STRING, null, "The option; unset with state absent removes the whole section."),
                ArgSpec.optional("value", ArgType.STRING, null, "The option's value (written `option = value`)."),
                ArgSpec.optional("values", ArgType.LIST, null, "Several values of one option, one line each (instead of value)."),
                ArgSpec.optional("state", ArgType.STRING, "present", "present: the option has the value(s); absent: the "
                        + "option (or the values given, with exclusive false), or the section, is removed.")
                        .withChoices("present", "absent"),
                ArgSpec.optional("exclusive", ArgType.BOOL, true, "The given values are the option's only ones: other lines "
                        + "of the option are rewritten or removed. With false, other values are kept."),
                ArgSpec.optional("no_extra_spaces", ArgType.BOOL, false, "Write `option=value` instead of `option = value`."),
                ArgSpec.optional("ignore_spaces", ArgType.BOOL, false, "An active line whose value is already right counts as "
                        + "unchanged however it is spaced."),
                ArgSpec.optional("allow_no_value", ArgType.BOOL, false, "Allow an option without a value (a bare `option` line)."),
                ArgSpec.optional("create", ArgType.BOOL, true, "Create the file when missing; false fails instead."),
                ArgSpec.optional("follow", ArgType.BOOL, false, "Accepted for Ansible roles: a link is always edited where it points.")));
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
        if (a.has("value") && a.has("values")) {
            problems.add("parameters are mutually exclusive: value|values");
        }
        if ("present".equals(a.string("state")) && !a.bool("allow_no_value") && !a.has("value") && a.list("values").isEmpty()) {
            problems.add("Parameter 'value(s)' must be defined if state=present and allow_no_value=False.");
        }
        return problems;
    }

    @Override
    Plan decide(ModuleContext ctx, Args args) throws ModuleException, ConnectionException, InterruptedException {
        return decide(TextFile.load(ctx, args.string("path"), Wanted.from(args)), args, ctx.diff());
    }

    static Plan decide(TextFile.Loaded f, Args args, boolean diff) throws ModuleException {
        String path = f.file().path();
        if (!f.exists() && !args.bool("create")) {
            throw new MissingOnHost("Destination " + path + " does not exist!", path);
        }
        List<String> values = args.has("value") ? List.of(args.string("value")) : args.strings("values");
        IniEdit.Params p = new IniEdit.Params(args.string("section"), args.string("option"), values,
                "present".equals(args.string("state")), args.bool("exclusive"), args.bool("no_extra_spaces"),
                args.bool("ignore_spaces"), args.bool("allow_no_value"));
        IniEdit.Result r = IniEdit.edit(IniEdit.lines(f.text()), p);
        String text = r.changed() ? String.join("", r.lines()) : f.text();
        String what = describe(r.msg(), args, f.exists());
        Plan plan = TextFile.write(f, args, text, what, r.msg(), diff);
        Map<String, Object> result = new LinkedHashMap<>(plan.change().result());
        result.put("path", path);
        Change c = plan.change().withResult(result);
        List<Action> actions = new ArrayList<>();
        if (!f.exists() && plan.changes()) {
            actions.add(new Action.Shell(Copy.mkdirP(Copy.parent(path)), "create the directory of " + path));
        }
        actions.addAll(plan.actions());
        return new Plan(c, plan.done(), actions);
    }

    private static String describe(String msg, Args args, boolean exists) {
        String path = args.string("path");
        String section = args.has("section") && !args.string("section").isEmpty() ? "[" + args.string("section") + "]" : "the top";
        String option = args.string("option");
        if (!exists) {
            return "create " + path + " with " + (option == null ? "section " + section : option + " in " + section);
        }
        return switch (msg) {
            case "option added" -> "add " + option + " to " + section + " in " + path;
            case "option changed" -> "change " + option + " in " + section + " of " + path;
            case "section and option added", "only section added" -> "add section " + section + " to " + path;
            case "section removed" -> "remove section " + section + " from " + path;
            default -> "end " + path + " with a newline";
        };
    }
}
