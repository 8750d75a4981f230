package dev.runbook.parse;

import dev.runbook.model.Become;
import dev.runbook.model.Expr;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * The keywords enclosing blocks hand down to their tasks, as Ansible does: conditions add up
 * ({@code when} of every enclosing block and the task's own must all hold), {@code vars} and
 * {@code become} are overridden field by field by inner ones, and {@code ignore_errors},
 * {@code no_log}, {@code check_mode}, {@code timeout} and {@code notify} apply where the task
 * does not say. {@code tags} collect (a task tagged {@code never} is left out, as Ansible does
 * without --tags).
 */
record Inherited(Expr when, Become become, Map<String, Object> vars, Boolean ignoreErrors, Boolean noLog,
                 Boolean checkMode, Duration timeout, List<TaskParser.NotifyRef> notifies, Set<String> tags) {
    static final Inherited NONE = new Inherited(null, Become.UNSET, Map.of(), null, null, null, null, List.of(), Set.of());

    Inherited {
        vars = Map.copyOf(vars);
        notifies = List.copyOf(notifies);
        tags = Set.copyOf(tags);
    }

    /** What a block written with entries {@code e} hands to its tasks. */
    Inherited within(NodeReader r, Map<String, NodeTuple> e) {
        Map<String, Object> merged = new LinkedHashMap<>(vars);
        merged.putAll(Fields.vars(r, e));
        Set<String> allTags = new LinkedHashSet<>(tags);
        allTags.addAll(Fields.tags(r, e));
        return new Inherited(and(when, Fields.expr(r, e, "when")), become.overriddenBy(Fields.become(r, e)), merged,
                e.containsKey("ignore_errors") ? Boolean.valueOf(Fields.flag(r, e, "ignore_errors")) : ignoreErrors,
                e.containsKey("no_log") ? Boolean.valueOf(Fields.flag(r, e, "no_log")) : noLog,
                e.containsKey("check_mode") ? r.bool(Fields.value(e, "check_mode"), "check_mode").orElse(null) : checkMode,
                e.containsKey("timeout") ? Fields.duration(r, e, "timeout") : timeout,
                e.containsKey("notify") ? refs(r, e) : notifies, allTags);
    }

    private static List<TaskParser.NotifyRef> refs(NodeReader r, Map<String, NodeTuple> e) {
        var at = r.span(Fields.value(e, "notify"));
        return Fields.notify(r, e).stream().map(n -> new TaskParser.NotifyRef(n, at)).toList();
    }

    /** Both conditions; the inner one's place is where an error is reported. */
    static Expr and(Expr outer, Expr inner) {
        if (outer == null) {
            return inner;
        }
        if (inner == null) {
            return outer;
        }
        return new Expr("(" + outer.text() + ") and (" + inner.text() + ")", inner.span());
    }

    /** The task's own vars over the blocks'. */
    Map<String, Object> vars(Map<String, Object> own) {
        if (vars.isEmpty()) {
            return own;
        }
        Map<String, Object> out = new LinkedHashMap<>(vars);
        out.putAll(own);
        return out;
    }
}
