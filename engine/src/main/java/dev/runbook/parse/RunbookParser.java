package dev.runbook.parse;

import dev.runbook.diag.Diagnostics;
import dev.runbook.diag.SourceSpan;
import dev.runbook.model.Become;
import dev.runbook.model.Expr;
import dev.runbook.model.ModuleCall;
import dev.runbook.model.RunPolicy;
import dev.runbook.model.Runbook;
import dev.runbook.model.Serial;
import dev.runbook.model.Step;
import dev.runbook.model.Task;
import dev.runbook.modules.ModuleRegistry;
import dev.runbook.vault.Vault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Runbook YAML to the model, with {@code include:} of steps (top level) and tasks (in a step or a
 * task list). Every problem becomes a diagnostic; {@link #parse} throws only at the end, with all
 * of them. Graph checks (needs, cycles) are done by {@link dev.runbook.plan.StepGraph}.
 */
public final class RunbookParser {
    static final Set<String> ROOT_FIELDS = Set.of("runbook", "description", "hosts", "vars", "serial",
            "max_fail_percentage", "steps", "include");
    static final Set<String> STEP_FIELDS = Set.of("description", "needs", "run", "when", "tasks", "vars", "run_once",
            "become", "become_user", "become_method", "timeout", "retries", "include", "discovery", "roles", "role",
            "handlers", "force_handlers", "gather_facts", "gather_subset");
    static final Set<String> INCLUDED_STEPS_FIELDS = Set.of("steps", "include");
    private static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final Diagnostics diags = new Diagnostics();
    private final IncludeChain files;
    private final TaskLists lists;
    private final RoleSearch roleSearch;
    private RoleExpander roles;

    private final ModuleRegistry modules;
    private final Vault vault;

    public RunbookParser(ModuleRegistry modules) {
        this(modules, Vault.deferred());
    }

    /** Inline {@code !vault} values are decrypted with {@code vault} (deferred: kept encrypted). */
    public RunbookParser(ModuleRegistry modules, Vault vault) {
        this(modules, vault, RoleSearch.defaults(Path.of(System.getProperty("user.home"))));
    }

    /** As above, finding roles on {@code roleSearch} (after {@code roles/} beside the runbook). */
    public RunbookParser(ModuleRegistry modules, Vault vault, RoleSearch roleSearch) {
        this.modules = modules;
        this.vault = vault;
        this.files = new IncludeChain(diags, vault);
        this.lists = new TaskLists(new TaskParser(modules), files);
        this.roleSearch = roleSearch;
    }

    /** Parses {@code file}; diagnostics (errors and warnings) are in {@link #diagnostics()}. */
    public Optional<Runbook> parse(Path file) {
        files.start(file);
        Path base = file.toAbsolutePath().getParent();
        roles = new RoleExpander(new RoleLoader(roleSearch, base == null ? Path.of("").toAbsolutePath() : base, files), lists);
        lists.roles(roles);
        Optional<Node> root = YamlSource.load(file, SourceSpan.of(YamlSource.label(file), 0, 0), diags);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        NodeReader r = new NodeReader(YamlSource.label(file), diags, vault);
        Optional<Runbook> result = root(r, root.get(), file);
        files.finish();
        return diags.hasErrors() ? Optional.empty() : result;
    }

    public Diagnostics diagnostics() {
        return diags;
    }

    private Optional<Runbook> root(NodeReader r, Node node, Path file) {
        var entries = r.mapping(node, "a runbook");
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Map<String, NodeTuple> e = entries.get();
        r.unknownKeys(e, ROOT_FIELDS, "the runbook");
        String name = null;
        if (e.containsKey("runbook")) {
            name = r.string(Fields.value(e, "runbook"), "runbook").orElse(null);
        } else {
            r.error(node, "missing field 'runbook'", "add 'runbook: NAME' at the top");
        }
        String description = Fields.optionalString(r, e, "description");
        String hosts = e.containsKey("hosts") ? r.strings(Fields.value(e, "hosts"), "hosts")
                .map(l -> String.join(":", l)).orElse(null) : null;
        Map<String, Object> vars = Fields.vars(r, e);
        Serial serial = e.containsKey("serial") ? BatchParser.serial(r, Fields.value(e, "serial")) : null;
        Integer maxFail = e.containsKey("max_fail_percentage")
                ? BatchParser.maxFailPercentage(r, Fields.value(e, "max_fail_percentage")) : null;
        Map<String, Step> steps = new LinkedHashMap<>();
        if (e.containsKey("steps")) {
            steps(r, Fields.value(e, "steps"), steps);
        }
        if (e.containsKey("include")) {
            includeSteps(r, Fields.value(e, "include"), file, steps);
        }
        if (!e.containsKey("steps") && !e.containsKey("include")) {
            r.error(node, "missing field 'steps'", "add 'steps:' with at least one step");
        } else if (steps.isEmpty() && !diags.hasErrors()) {
            r.error(node, "the runbook has no steps", "add at least one step under 'steps:'");
        }
        if (name == null || diags.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new Runbook(name, description, hosts, vars, serial, maxFail, steps, file, files.files(), r.span(node)));
    }

    private void steps(NodeReader r, Node node, Map<String, Step> into) {
        var entries = r.mapping(node, "steps");
        if (entries.isEmpty()) {
            return;
        }
        Path file = Path.of(r.file());
        for (var entry : entries.get().entrySet()) {
            String id = entry.getKey();
            Node key = entry.getValue().getKeyNode();
            if (!STEP_ID.matcher(id).matches()) {
                r.error(key, "step id '" + id + "' must be letters, digits, '-', '_' or '.'");
                continue;
            }
            if (into.containsKey(id)) {
                r.error(key, "step '" + id + "' is defined twice (also at " + into.get(id).span() + ")");
                continue;
            }
            step(r, id, entry.getValue(), file).ifPresent(s -> into.put(id, s));
        }
    }

    private Optional<Step> step(NodeReader r, String id, NodeTuple t, Path file) {
        Node node = t.getValueNode();
        var entries = r.mapping(node, "step '" + id + "'");
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Map<String, NodeTuple> e = entries.get();
        r.unknownKeys(e, STEP_FIELDS, "step '" + id + "'");
        List<String> needs = e.containsKey("needs")
                ? r.strings(Fields.value(e, "needs"), "needs").orElse(List.of()) : List.of();
        RunPolicy run = RunPolicy.ON_SUCCESS;
        if (e.containsKey("run")) {
            Node rn = Fields.value(e, "run");
            run = r.string(rn, "run").map(RunPolicy::fromYaml).orElse(null);
            if (run == null) {
                r.error(rn, "run must be one of on-success, always, on-failure, not " + NodeReader.describe(rn));
                run = RunPolicy.ON_SUCCESS;
            }
        }
        Expr when = Fields.expr(r, e, "when");
        TaskItems items = new TaskItems();
        if (Fields.flag(r, e, "gather_facts")) {
            items.add(new TaskItems.Leaf(gatherFacts(r, e), List.of()));
        }
        StepRoleSession session = new StepRoleSession();
        TaskLists.Frame frame = new TaskLists.Frame(session, null);
        for (String key : List.of("role", "roles")) {
            if (e.containsKey(key)) {
                stepRoles(r, Fields.value(e, key), key, frame, items);
            }
        }
        if (e.containsKey("include")) {
            r.string(Fields.value(e, "include"), "include")
                    .ifPresent(f -> lists.readFile(r, Fields.value(e, "include"), resolve(file, f), frame, items));
        }
        if (e.containsKey("tasks")) {
            lists.read(r, Fields.value(e, "tasks"), file, frame, items);
        } else if (!e.containsKey("include") && !e.containsKey("roles") && !e.containsKey("role")) {
            r.error(t.getKeyNode(), "step '" + id + "' has no tasks", "add 'tasks:' with at least one task, or 'roles:'");
        }
        List<TaskParser.Parsed> handlers = new ArrayList<>(session.handlers());
        if (e.containsKey("handlers")) {
            handlers.addAll(lists.handlers(r, Fields.value(e, "handlers")));
        }
        Boolean forceHandlers = e.containsKey("force_handlers")
                ? r.bool(Fields.value(e, "force_handlers"), "force_handlers").orElse(null) : null;
        FlowBuilder.Built flow = FlowBuilder.build(items, handlers, forceHandlers, id, diags);
        List<Task> list = flow.tasks();
        Map<String, Object> vars = Fields.vars(r, e);
        boolean runOnce = Fields.flag(r, e, "run_once");
        Become become = Fields.become(r, e);
        Duration timeout = Fields.duration(r, e, "timeout");
        int retries = e.containsKey("retries") ? r.integer(Fields.value(e, "retries"), "retries", 0, 100).orElse(0) : 0;
        boolean discovery = Fields.flag(r, e, "discovery");
        if (discovery) {
            List<Task> all = new ArrayList<>(list);
            flow.flow().handlers().forEach(h -> all.add(h.task()));
            Discovery.check(id, r.span(t.getKeyNode()), run, all, modules, diags);
        }
        return Optional.of(new Step(id, needs, run, when, list, vars, runOnce, become, timeout, retries,
                r.span(t.getKeyNode()), discovery, session.result(), flow.flow()));
    }

    /** {@code gather_facts: true}: Ansible's "Gathering Facts" task (setup) before the step's other tasks. */
    private static Task gatherFacts(NodeReader r, Map<String, NodeTuple> e) {
        NodeTuple t = e.get("gather_facts");
        SourceSpan span = r.span(t.getKeyNode());
        Map<String, Object> args = new LinkedHashMap<>();
        if (e.containsKey("gather_subset")) {
            Node subset = Fields.value(e, "gather_subset");
            args.put("gather_subset", subset instanceof SequenceNode
                    ? r.strings(subset, "gather_subset").orElse(List.of("all"))
                    : List.of(r.string(subset, "gather_subset").orElse("all").split("\\s*,\\s*")));
        }
        return new Task("Gathering Facts", new ModuleCall("setup", args, Map.of(), span), null, null, null, null, null, null,
                null, null, false, false, null, null, null, null, null, null, null, span, null);
    }

    /** {@code role: NAME} or {@code roles: [...]}: each role's tasks, in order, before the step's own. */
    private void stepRoles(NodeReader r, Node node, String key, TaskLists.Frame frame, TaskItems into) {
        List<Node> entries = key.equals("role") ? List.of(node)
                : node instanceof SequenceNode seq ? seq.getValue() : List.of();
        if (key.equals("roles") && !(node instanceof SequenceNode)) {
            r.error(node, "roles must be a list of roles, not " + NodeReader.describe(node), "write 'roles: [NAME, ...]'");
        }
        for (Node entry : entries) {
            RoleEntries.listed(r, entry).ifPresent(use -> roles.expand(use, frame, into));
        }
    }

    private void includeSteps(NodeReader r, Node node, Path from, Map<String, Step> into) {
        for (String relative : r.strings(node, "include").orElse(List.of())) {
            Path target = resolve(from, relative);
            Optional<IncludeChain.Included> inc = files.enter(r, node, target);
            if (inc.isEmpty()) {
                continue;
            }
            NodeReader ir = inc.get().reader();
            ir.mapping(inc.get().node(), "an included steps file").ifPresent(m -> {
                ir.unknownKeys(m, INCLUDED_STEPS_FIELDS, "an included steps file");
                if (m.containsKey("steps")) {
                    steps(ir, m.get("steps").getValueNode(), into);
                }
                if (m.containsKey("include")) {
                    includeSteps(ir, m.get("include").getValueNode(), target, into);
                }
            });
            files.leave();
        }
    }

    private static Path resolve(Path from, String relative) {
        Path dir = from.getParent();
        return dir == null ? Path.of(relative) : dir.resolve(relative).normalize();
    }
}
