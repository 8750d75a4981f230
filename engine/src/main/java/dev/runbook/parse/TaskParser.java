package dev.runbook.parse;

import dev.runbook.diag.Suggestions;
import dev.runbook.model.Become;
import dev.runbook.model.Expr;
import dev.runbook.model.LookupLoop;
import dev.runbook.model.LoopControl;
import dev.runbook.model.ModuleCall;
import dev.runbook.model.Task;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.Args;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleRegistry;
import dev.runbook.template.Templater;
import dev.runbook.template.jinja.Lookups;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads one task (Ansible-style: fields plus exactly one module key) and checks its module's arguments. */
final class TaskParser {
    static final Set<String> FIELDS = Set.of("name", "when", "register", "loop", "with_items", "retries", "delay",
            "until", "changed_when", "failed_when", "ignore_errors", "no_log", "become", "become_user",
            "become_method", "timeout", "check", "creates", "removes", "check_mode", "vars", "args", "loop_control",
            "notify", "tags", "listen");
    /** Task-level fields handed to the module as arguments when it declares them. */
    private static final List<String> MODULE_FIELDS = List.of("creates", "removes", "check");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** {@code with_<lookup>}: Ansible's older loops, each a lookup plugin over its terms. */
    static final String WITH = "with_";

    private final ModuleRegistry modules;

    TaskParser(ModuleRegistry modules) {
        this.modules = modules;
    }

    /**
     * A task as parsed, with what is not part of {@link Task} itself: whom it notifies, its
     * {@code listen} topics (handlers only) and its tags.
     */
    record Parsed(Task task, List<NotifyRef> notifies, List<String> listen, Set<String> tags) {
        Parsed {
            notifies = List.copyOf(notifies);
            listen = List.copyOf(listen);
            tags = Set.copyOf(tags);
        }

        /** The same with {@code f} applied to the task (a role's variables, for a role's handlers). */
        Parsed map(java.util.function.UnaryOperator<Task> f) {
            return new Parsed(f.apply(task), notifies, listen, tags);
        }

        List<String> notifyNames() {
            return notifies.stream().map(NotifyRef::name).toList();
        }
    }

    /** A handler name or topic a task notifies, with where it is written. */
    record NotifyRef(String name, dev.runbook.diag.SourceSpan span) {
    }

    /** A task of a step (no blocks), or a handler when {@code handler} (then {@code listen} is allowed). */
    Optional<Parsed> parse(NodeReader r, Node node, boolean handler) {
        var entries = r.mapping(node, handler ? "a handler" : "a task");
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Map<String, NodeTuple> e = entries.get();
        int errors = r.diags().size();
        Optional<ModuleCall> call = module(r, node, e);
        String name = e.containsKey("name") ? r.string(Fields.value(e, "name"), "name").orElse(null) : null;
        Expr when = Fields.expr(r, e, "when");
        String register = register(r, e);
        Object loop = loop(r, e);
        Integer retries = e.containsKey("retries") ? r.integer(Fields.value(e, "retries"), "retries", 0, 10_000).orElse(0) : null;
        Duration delay = Fields.duration(r, e, "delay");
        Expr until = Fields.expr(r, e, "until");
        Expr changedWhen = Fields.expr(r, e, "changed_when");
        Expr failedWhen = Fields.expr(r, e, "failed_when");
        boolean ignore = Fields.flag(r, e, "ignore_errors");
        boolean noLog = Fields.flag(r, e, "no_log");
        Become become = Fields.become(r, e);
        Duration timeout = Fields.duration(r, e, "timeout");
        String check = Fields.optionalString(r, e, "check");
        String creates = Fields.optionalString(r, e, "creates");
        String removes = Fields.optionalString(r, e, "removes");
        Boolean checkMode = e.containsKey("check_mode") ? r.bool(Fields.value(e, "check_mode"), "check_mode").orElse(null) : null;
        Map<String, Object> vars = Fields.vars(r, e);
        List<NotifyRef> notify = notifies(r, e);
        List<String> listen = List.of();
        if (e.containsKey("listen")) {
            if (handler) {
                listen = r.strings(Fields.value(e, "listen"), "listen").orElse(List.of());
            } else {
                r.error(e.get("listen").getKeyNode(), "'listen' is a field of handlers, not of tasks",
                        "move this task under the step's 'handlers:', or use 'notify' to call a handler");
            }
        }
        Set<String> tags = new java.util.LinkedHashSet<>(Fields.tags(r, e));
        LoopControl loopControl = LoopControlParser.parse(r, e, loopKey(e) != null);
        if (until != null && retries == null) {
            retries = 3; // Ansible's default when until is given
        }
        if (call.isEmpty() || r.diags().size() > errors) {
            return Optional.empty();
        }
        Task task = new Task(name, call.get(), when, register, loop, retries, delay, until, changedWhen,
                failedWhen, ignore, noLog, become, timeout, check, creates, removes, checkMode, vars, r.span(node),
                loopControl);
        return Optional.of(new Parsed(task, notify, listen, tags));
    }

    /** {@code notify:} of a task or a block, each name with where it is written. */
    static List<NotifyRef> notifies(NodeReader r, Map<String, NodeTuple> e) {
        if (!e.containsKey("notify")) {
            return List.of();
        }
        var at = r.span(Fields.value(e, "notify"));
        return Fields.notify(r, e).stream().map(n -> new NotifyRef(n, at)).toList();
    }

    private Optional<ModuleCall> module(NodeReader r, Node task, Map<String, NodeTuple> e) {
        List<NodeTuple> moduleKeys = new ArrayList<>();
        for (var entry : e.entrySet()) {
            if (!FIELDS.contains(entry.getKey()) && !entry.getKey().startsWith(WITH)) {
                moduleKeys.add(entry.getValue());
            }
        }
        Optional<Module> found = Optional.empty();
        NodeTuple moduleTuple = null;
        for (NodeTuple t : moduleKeys) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            Optional<Module> m = modules.find(key);
            if (m.isEmpty()) {
                List<String> candidates = new ArrayList<>(FIELDS);
                candidates.addAll(modules.names());
                r.error(t.getKeyNode(), "unknown field or module '" + key + "' in task",
                        Suggestions.didYouMean(key, candidates));
            } else if (found.isPresent()) {
                r.error(t.getKeyNode(), "a task runs one module, but this one names '"
                        + found.get().name() + "' and '" + m.get().name() + "'", "split it into two tasks");
            } else {
                found = m;
                moduleTuple = t;
            }
        }
        if (moduleKeys.isEmpty()) {
            r.error(task, "task has no module", "add one, for example 'command: ...' (see 'runbook modules')");
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return args(r, found.get(), moduleTuple, e);
    }

    private Optional<ModuleCall> args(NodeReader r, Module module, NodeTuple t, Map<String, NodeTuple> e) {
        Node v = t.getValueNode();
        Map<String, Object> args = new LinkedHashMap<>();
        Map<String, dev.runbook.diag.SourceSpan> spans = new LinkedHashMap<>();
        if (v instanceof ScalarNode s && !NodeReader.isNull(s)) {
            args.putAll(freeForm(module, s.getValue()));
            args.keySet().forEach(k -> spans.put(k, r.span(v)));
        } else if (v instanceof SequenceNode) {
            r.error(v, "arguments of module '" + module.name() + "' must be a map" + (module.spec().freeForm() ? " or a command string" : "") + ", not a list");
            return Optional.empty();
        } else if (!NodeReader.isNull(v)) {
            var m = r.mapping(v, "the arguments of '" + module.name() + "'");
            if (m.isEmpty()) {
                return Optional.empty();
            }
            m.get().forEach((k, tt) -> args.put(k, r.data(tt.getValueNode())));
            spans.putAll(r.spans(m.get()));
        }
        if (e.containsKey("args")) {
            r.mapping(Fields.value(e, "args"), "args").ifPresent(m -> m.forEach((k, tt) -> {
                args.putIfAbsent(k, r.data(tt.getValueNode()));
                spans.putIfAbsent(k, r.span(tt.getValueNode()));
            }));
        }
        for (String field : MODULE_FIELDS) {
            if (!e.containsKey(field)) {
                continue;
            }
            Node fv = Fields.value(e, field);
            if (module.spec().arg(field).isEmpty()) {
                r.error(e.get(field).getKeyNode(), "'" + field + "' does not apply to module '" + module.name() + "'",
                        "it applies to command and shell");
            } else {
                args.putIfAbsent(field, r.data(fv));
                spans.putIfAbsent(field, r.span(fv));
            }
        }
        ModuleCall call = new ModuleCall(module.name(), args, spans, r.span(t.getKeyNode()));
        checkArgs(r, module, call);
        return Optional.of(call);
    }

    /** {@code shell: make install chdir=/src creates=/usr/bin/app}: known key=value words become arguments. */
    static Map<String, Object> freeForm(Module module, String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!module.spec().freeForm()) {
            // Ansible's key=value form (debug: msg="hi", file: path=/srv state=directory)
            out.putAll(KeyValueArgs.parse(text).orElse(Map.of(ModuleCall.FREE_FORM, text)));
            return out;
        }
        Matcher m = Pattern.compile("(?:^|\\s)([a-z_]+)=(\"[^\"]*\"|'[^']*'|\\S+)(?=\\s|$)").matcher(text);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        Map<String, Object> kv = new LinkedHashMap<>();
        while (m.find()) {
            String key = m.group(1);
            if (key.equals(ModuleCall.FREE_FORM) || module.spec().arg(key).isEmpty()) {
                continue;
            }
            rest.append(text, last, m.start());
            last = m.end();
            String val = m.group(2);
            if (val.length() >= 2 && (val.startsWith("\"") || val.startsWith("'"))) {
                val = val.substring(1, val.length() - 1);
            }
            kv.put(key, val);
        }
        rest.append(text.substring(last));
        out.put(ModuleCall.FREE_FORM, rest.toString().strip());
        out.putAll(kv);
        return out;
    }

    /** Arguments whose values hold templates are checked by name only; the rest fully. */
    private static void checkArgs(NodeReader r, Module module, ModuleCall call) {
        Map<String, Object> literal = new LinkedHashMap<>();
        Set<String> templated = new java.util.HashSet<>();
        for (var a : call.args().entrySet()) {
            if (hasTemplate(a.getValue())) {
                module.spec().arg(a.getKey()).ifPresent(s -> templated.add(s.name()));
                if (a.getKey().equals(ModuleCall.FREE_FORM)) {
                    templated.add(ModuleCall.FREE_FORM);
                }
                if (module.spec().arg(a.getKey()).isPresent() || a.getKey().equals(ModuleCall.FREE_FORM)) {
                    continue;
                }
            }
            literal.put(a.getKey(), a.getValue());
        }
        Args.Bound bound = Args.bind(module.spec(), literal);
        List<String> names = module.spec().args().stream().map(ArgSpec::name).toList();
        bound.problems().forEach((arg, problem) -> {
            if (templated.contains(arg)) {
                return;
            }
            var span = call.argSpans().containsKey(arg) ? call.spanOf(arg) : call.span();
            var d = dev.runbook.diag.Diagnostic.error(span, problem);
            if (problem.startsWith("unknown argument")) {
                d = d.withSuggestion(Suggestions.didYouMean(arg, names));
            }
            r.diags().add(d);
        });
        if (bound.ok() && templated.isEmpty()) {
            for (String problem : module.validate(bound.args())) {
                r.diags().error(call.span(), problem);
            }
        }
    }

    static boolean hasTemplate(Object v) {
        if (v instanceof String s) {
            return Templater.isTemplate(s);
        }
        if (v instanceof List<?> l) {
            return l.stream().anyMatch(TaskParser::hasTemplate);
        }
        if (v instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(TaskParser::hasTemplate);
        }
        return false;
    }

    private static String register(NodeReader r, Map<String, NodeTuple> e) {
        if (!e.containsKey("register")) {
            return null;
        }
        Optional<String> name = r.string(Fields.value(e, "register"), "register");
        if (name.isPresent() && !IDENT.matcher(name.get()).matches()) {
            r.error(Fields.value(e, "register"), "register needs a variable name (letters, digits, _), not '" + name.get() + "'");
            return null;
        }
        return name.orElse(null);
    }

    /** The task's loop key: loop, or one with_<lookup>; null without a loop. */
    private static String loopKey(Map<String, NodeTuple> e) {
        if (e.containsKey("loop")) {
            return "loop";
        }
        return e.keySet().stream().filter(k -> k.startsWith(WITH)).findFirst().orElse(null);
    }

    private static Object loop(NodeReader r, Map<String, NodeTuple> e) {
        List<String> keys = new ArrayList<>(e.keySet().stream().filter(k -> k.equals("loop") || k.startsWith(WITH)).toList());
        if (keys.size() > 1) {
            r.error(e.get(keys.get(1)).getKeyNode(), "a task has one loop, but this one has " + String.join(" and ", keys),
                    "keep one of them");
            return null;
        }
        String key = loopKey(e);
        if (key == null) {
            return null;
        }
        if (key.startsWith(WITH)) {
            String plugin = key.substring(WITH.length());
            if (!Lookups.SUPPORTED.contains(plugin)) {
                r.error(e.get(key).getKeyNode(), "unknown loop '" + key + "': no lookup '" + plugin + "'",
                        Suggestions.didYouMean(key, Lookups.SUPPORTED.stream().map(p -> WITH + p).toList()));
                return null;
            }
            Node n = Fields.value(e, key);
            return new LookupLoop(plugin, NodeReader.isNull(n) ? null : r.data(n));
        }
        Node n = Fields.value(e, key);
        if (n instanceof SequenceNode) {
            return r.data(n);
        }
        if (n instanceof ScalarNode s && Templater.isTemplate(s.getValue())) {
            return s.getValue();
        }
        r.error(n, key + " must be a list or a template that gives one, like \"{{ packages }}\", not " + NodeReader.describe(n));
        return null;
    }
}
