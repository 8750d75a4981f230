package dev.runbook.template.jinja;

import com.hubspot.jinjava.lib.filter.Filter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** sum, min, max, round, pow, log, root as Jinja2 and Ansible compute them (Python's numbers). */
final class MathFilters {
    private MathFilters() {
    }

    static List<Filter> all() {
        return List.of(
            new FilterFn("sum", MathFilters::sum),
            new FilterFn("min", (v, a, k) -> extreme(v, k, true)),
            new FilterFn("max", (v, a, k) -> extreme(v, k, false)),
            new FilterFn("round", MathFilters::round),
            new FilterFn("pow", (v, a, k) -> Math.pow(PyOps.real(num(v, "pow")), PyOps.real(num(a[0], "pow")))),
            new FilterFn("log", MathFilters::log),
            new FilterFn("root", MathFilters::root));
    }

    private static Object num(Object v, String filter) {
        if (!PyOps.isNumber(v)) {
            throw new FilterFailure(filter + " expects a number, got " + Py.typeName(v));
        }
        return v;
    }

    private static Object sum(Object v, Object[] args, Map<String, Object> kwargs) {
        String attribute = Py.strArg(null, kwargs, 0, "attribute", null);
        Object total = Py.arg(null, kwargs, 0, "start", 0L);
        if (args.length > 0) {
            attribute = Py.str(args[0]);
        }
        if (args.length > 1) {
            total = args[1];
        }
        for (Object item : Py.list(v)) {
            total = PyOps.add(total, attribute == null ? item : Attr.get(item, attribute));
        }
        return total;
    }

    /** Jinja2's min/max: strings compare without case unless case_sensitive=true; attribute= picks the key. */
    private static Object extreme(Object v, Map<String, Object> kwargs, boolean min) {
        boolean caseSensitive = Py.truthy(kwargs.get("case_sensitive"));
        String attribute = kwargs.containsKey("attribute") ? Py.str(kwargs.get("attribute")) : null;
        List<Object> items = Py.list(v);
        if (items.isEmpty()) {
            RenderState state = RenderContext.current();
            return state == null ? null : state.undefined(null, "no aggregated item, sequence was empty");
        }
        Object best = items.get(0);
        for (Object item : items.subList(1, items.size())) {
            int c = PyOps.compare(key(item, attribute, caseSensitive), key(best, attribute, caseSensitive), min ? "<" : ">");
            if (min ? c < 0 : c > 0) {
                best = item;
            }
        }
        return best;
    }

    private static Object key(Object item, String attribute, boolean caseSensitive) {
        Object k = attribute == null ? item : Attr.get(item, attribute);
        return !caseSensitive && k instanceof String s ? s.toLowerCase(Locale.ROOT) : k;
    }

    /** Jinja2's round: 'common' is Python's round (half to even on the exact value), floor and ceil. */
    private static Object round(Object v, Object[] args, Map<String, Object> kwargs) {
        int precision = ((Number) Py.arg(args, kwargs, 0, "precision", 0)).intValue();
        String method = Py.strArg(args, kwargs, 1, "method", "common");
        double d = PyOps.real(num(v, "round"));
        return switch (method) {
            case "common" -> Py.isIntegral(v) ? v : new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).doubleValue();
            case "floor" -> Math.floor(d * Math.pow(10, precision)) / Math.pow(10, precision);
            case "ceil" -> Math.ceil(d * Math.pow(10, precision)) / Math.pow(10, precision);
            default -> throw new FilterFailure("round: method must be common, ceil or floor, not '" + method + "'");
        };
    }

    private static Object log(Object v, Object[] args, Map<String, Object> kwargs) {
        double x = PyOps.real(num(v, "log"));
        if (x <= 0) {
            throw new FilterFailure("log: math domain error");
        }
        Object base = Py.arg(args, kwargs, 0, "base", null);
        return base == null ? Math.log(x) : Math.log(x) / Math.log(PyOps.real(num(base, "log")));
    }

    private static Object root(Object v, Object[] args, Map<String, Object> kwargs) {
        double x = PyOps.real(num(v, "root"));
        double base = PyOps.real(num(Py.arg(args, kwargs, 0, "base", 2L), "root"));
        return base == 2 ? Math.sqrt(x) : Math.pow(x, 1.0 / base);
    }
}
