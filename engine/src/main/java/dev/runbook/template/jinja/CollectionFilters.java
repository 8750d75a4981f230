package dev.runbook.template.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Filters over lists and dicts: length, unique, sort, map, select..., dict2items, combine. */
final class CollectionFilters {
    private CollectionFilters() {
    }

    static List<Filter> all() {
        return List.of(
            new FilterFn("length", (v, a, k) -> length(v)),
            new FilterFn("count", (v, a, k) -> length(v)),
            new FilterFn("first", (v, a, k) -> edge(v, true)),
            new FilterFn("last", (v, a, k) -> edge(v, false)),
            new FilterFn("unique", CollectionFilters::unique),
            new FilterFn("sort", CollectionFilters::sort),
            new FilterFn("map", CollectionFilters::map),
            new FilterFn("select", (v, a, k) -> select(v, a, false, false)),
            new FilterFn("reject", (v, a, k) -> select(v, a, true, false)),
            new FilterFn("selectattr", (v, a, k) -> select(v, a, false, true)),
            new FilterFn("rejectattr", (v, a, k) -> select(v, a, true, true)),
            new FilterFn("flatten", CollectionFilters::flatten));
    }

    private static int length(Object v) {
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        return Py.list(v).size();
    }

    /** An empty list has no first item: that is an undefined value, as in Jinja2. */
    private static Object edge(Object v, boolean first) {
        List<Object> items = Py.list(v);
        if (items.isEmpty()) {
            RenderState state = RenderContext.current();
            String what = "'" + (first ? "first" : "last") + "' of an empty list has no value";
            return state == null ? null : state.undefined(null, what);
        }
        return items.get(first ? 0 : items.size() - 1);
    }

    private static Object sort(Object v, Object[] args, Map<String, Object> kwargs) {
        boolean reverse = Py.boolArg(args, kwargs, 0, "reverse");
        boolean caseSensitive = Py.boolArg(args, kwargs, 1, "case_sensitive");
        String attribute = Py.strArg(args, kwargs, 2, "attribute", null);
        List<Object> items = Py.list(v);
        Comparator<Object> order = (x, y) -> compare(key(x, attribute, caseSensitive), key(y, attribute, caseSensitive));
        items.sort(reverse ? order.reversed() : order);
        return items;
    }

    /** Jinja2 3.1: {@code attribute='a,b'} sorts by a, then b. */
    private static Object key(Object item, String attribute, boolean caseSensitive) {
        if (attribute != null && attribute.contains(",")) {
            List<Object> keys = new ArrayList<>();
            for (String part : attribute.split(",")) {
                keys.add(key(item, part.trim(), caseSensitive));
            }
            return keys;
        }
        Object k = attribute == null ? item : Attr.get(item, attribute);
        return !caseSensitive && k instanceof String s ? s.toLowerCase(Locale.ROOT) : k;
    }

    /** Jinja2's unique: Python equality (1 == 1.0 == True), strings without case unless case_sensitive=true. */
    private static Object unique(Object v, Object[] args, Map<String, Object> kwargs) {
        boolean caseSensitive = Py.boolArg(args, kwargs, 0, "case_sensitive");
        String attribute = Py.strArg(args, kwargs, 1, "attribute", null);
        List<Object> out = new ArrayList<>();
        List<Object> seen = new ArrayList<>();
        for (Object item : Py.list(v)) {
            Object k = key(item, attribute, caseSensitive);
            if (seen.stream().noneMatch(s -> PyOps.equal(s, k))) {
                seen.add(k);
                out.add(item);
            }
        }
        return out;
    }

    /** Python 3 ordering: numbers with numbers, strings with strings, lists element-wise. */
    @SuppressWarnings("unchecked")
    static int compare(Object x, Object y) {
        if (x instanceof Number a && y instanceof Number b) {
            return PyOps.compare(a, b, "<");
        }
        if (x instanceof Boolean a && y instanceof Boolean b) {
            return a.compareTo(b);
        }
        if (x instanceof List<?> a && y instanceof List<?> b) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                int c = compare(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        }
        if (x instanceof CharSequence && y instanceof CharSequence) {
            return x.toString().compareTo(y.toString());
        }
        throw new FilterFailure("cannot compare " + Py.typeName(x) + " with " + Py.typeName(y));
    }

    private static Object map(Object v, Object[] args, Map<String, Object> kwargs) {
        List<Object> out = new ArrayList<>();
        if (kwargs.containsKey("attribute")) {
            String attribute = Py.str(kwargs.get("attribute"));
            boolean hasDefault = kwargs.containsKey("default");
            for (Object item : Py.list(v)) {
                Object value = Attr.get(item, attribute);
                out.add(hasDefault && Undefined.check(value) ? kwargs.get("default") : value);
            }
            return out;
        }
        if (args.length == 0) {
            throw new FilterFailure("map needs a filter name or attribute=");
        }
        Filter filter = filter(Py.str(args[0]));
        Object[] rest = Arrays.copyOfRange(args, 1, args.length);
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        for (Object item : Py.list(v)) {
            out.add(filter.filter(item, interpreter, rest, Map.of()));
        }
        return out;
    }

    private static Object select(Object v, Object[] args, boolean reject, boolean byAttribute) {
        int at = byAttribute ? 1 : 0;
        if (byAttribute && args.length == 0) {
            throw new FilterFailure((reject ? "rejectattr" : "selectattr") + " needs an attribute name");
        }
        String attribute = byAttribute ? Py.str(args[0]) : null;
        ExpTest test = args.length > at ? test(Py.str(args[at])) : null;
        Object[] testArgs = args.length > at + 1 ? Arrays.copyOfRange(args, at + 1, args.length) : new Object[0];
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        List<Object> out = new ArrayList<>();
        for (Object item : Py.list(v)) {
            Object subject = byAttribute ? Attr.get(item, attribute) : item;
            boolean ok = test == null ? Py.truthy(subject) : test.evaluate(subject, interpreter, testArgs);
            if (ok != reject) {
                out.add(item);
            }
        }
        return out;
    }

    private static Object flatten(Object v, Object[] args, Map<String, Object> kwargs) {
        Object levels = Py.arg(args, kwargs, 0, "levels", null);
        List<Object> out = new ArrayList<>();
        flattenInto(out, Py.list(v), levels == null ? Integer.MAX_VALUE : ((Number) levels).intValue());
        return out;
    }

    private static void flattenInto(List<Object> out, List<Object> items, int levels) {
        for (Object item : items) {
            if (item instanceof List<?> l && levels > 0) {
                flattenInto(out, new ArrayList<>(l), levels - 1);
            } else if (item != null) {
                out.add(item);
            }
        }
    }

    static Filter filter(String name) {
        Filter f = JinjavaInterpreter.getCurrent().getContext().getFilter(name);
        if (f == null) {
            throw new FilterFailure("no filter named '" + name + "'");
        }
        return f;
    }

    static ExpTest test(String name) {
        ExpTest t = JinjavaInterpreter.getCurrent().getContext().getExpTest(name);
        if (t == null) {
            throw new FilterFailure("no test named '" + name + "'");
        }
        return t;
    }
}
