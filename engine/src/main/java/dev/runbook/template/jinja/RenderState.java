package dev.runbook.template.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import dev.runbook.diag.Suggestions;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one evaluation knows besides jinjava's own context: the user's variables, the undefined
 * values handed out, and where each map or list came from (so an error can say
 * {@code result.stdout} rather than just {@code stdout}). Used by one thread at a time.
 */
public final class RenderState {
    /** Ansible's {@code omit}: a dict entry whose value renders to this is left out. */
    public static final String OMIT = "__omit_place_holder__runbook";
    private static final String OMIT_NAME = "omit";
    private static final int MAX_ITEMS = 1000;
    private static final Set<String> NONE_NAMES = Set.of("none", "None");

    private final Map<String, Object> vars;
    private final List<Undefined> undefined = new ArrayList<>();
    private final Map<Object, String> paths = new IdentityHashMap<>();

    public RenderState(Map<String, Object> vars) {
        this.vars = vars;
    }

    /** Looks up a top-level name that jinjava's scopes (loop variables, set) do not hold. */
    Object resolve(String name) {
        if (vars.containsKey(name)) {
            Object value = vars.get(name);
            if (value instanceof DefinedButUndefined u) {
                return undefined(name, u.explanation());
            }
            remember(value, name);
            return value;
        }
        if (NONE_NAMES.contains(name)) {
            return null;
        }
        if (OMIT_NAME.equals(name)) {
            return OMIT;
        }
        String hint = Suggestions.didYouMean(name, vars.keySet());
        return undefined(name, hint.isEmpty() ? null : hint);
    }

    Undefined undefined(String name, String detail) {
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        Undefined u = new Undefined(name, detail, interpreter == null ? 0 : interpreter.getLineNumber());
        undefined.add(u);
        return u;
    }

    void remember(Object value, String path) {
        if (value instanceof Map || value instanceof List || value instanceof String) {
            if (paths.putIfAbsent(value, path) == null && value instanceof List<?> list) {
                rememberItems(list, path);
            }
        }
    }

    /** So that {@code {% for u in users %}{{ u.x }}} can name {@code users[2].x}. */
    private void rememberItems(List<?> list, String path) {
        for (int i = 0; i < Math.min(list.size(), MAX_ITEMS); i++) {
            Object item = list.get(i);
            if (item instanceof Map || item instanceof List) {
                paths.putIfAbsent(item, path + "[" + i + "]");
            }
        }
    }

    /** The name a map or list was reached by, or null when it was computed. */
    String pathOf(Object value) {
        return paths.get(value);
    }

    /** The first undefined value that something other than a test or default() used. */
    public Undefined firstUnconsumed() {
        for (Undefined u : undefined) {
            if (!u.consumed()) {
                return u;
            }
        }
        return null;
    }

    public Map<String, Object> vars() {
        return vars;
    }
}
