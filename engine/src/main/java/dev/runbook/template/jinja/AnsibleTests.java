package dev.runbook.template.jinja;

import com.hubspot.jinjava.lib.exptest.ExpTest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/** Ansible's and Jinja2's tests that jinjava lacks or treats differently. */
final class AnsibleTests {
    private AnsibleTests() {
    }

    static List<ExpTest> all() {
        List<ExpTest> all = new java.util.ArrayList<>(comparisons());
        all.addAll(List.of(
            new TestFn("defined", (v, a, k) -> !Undefined.check(v)),
            new TestFn("undefined", (v, a, k) -> Undefined.check(v)),
            new TestFn("none", (v, a, k) -> v == null),
            new TestFn("boolean", (v, a, k) -> v instanceof Boolean),
            new TestFn("true", (v, a, k) -> Boolean.TRUE.equals(v)),
            new TestFn("false", (v, a, k) -> Boolean.FALSE.equals(v)),
            new TestFn("integer", (v, a, k) -> Py.isIntegral(v)),
            new TestFn("float", (v, a, k) -> v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal),
            new TestFn("truthy", (v, a, k) -> truthy(v, k)),
            new TestFn("falsy", (v, a, k) -> !truthy(v, k)),
            new TestFn("string", (v, a, k) -> v instanceof CharSequence || v instanceof com.hubspot.jinjava.objects.SafeString),
            new TestFn("number", (v, a, k) -> v instanceof Number || v instanceof Boolean),
            new TestFn("mapping", (v, a, k) -> v instanceof Map),
            new TestFn("iterable", (v, a, k) -> v instanceof Collection || v instanceof Map || v instanceof CharSequence),
            new TestFn("sequence", (v, a, k) -> v instanceof Collection || v instanceof Map || v instanceof CharSequence),
            new TestFn("match", (v, a, k) -> regex(v, a, k, "match")),
            new TestFn("search", (v, a, k) -> regex(v, a, k, "search")),
            new TestFn("regex", (v, a, k) -> regex(v, a, k, k.containsKey("match_type") ? Py.str(k.get("match_type")) : "search")),
            new TestFn("version", AnsibleTests::version),
            new TestFn("version_compare", AnsibleTests::version),
            new TestFn("contains", (v, a, k) -> contains(v, Py.arg(a, k, 0, "value", null))),
            new TestFn("in", (v, a, k) -> contains(Py.arg(a, k, 0, "seq", null), v)),
            new TestFn("subset", (v, a, k) -> plainList(Py.arg(a, k, 0, "b", null)).containsAll(plainList(v))),
            new TestFn("superset", (v, a, k) -> plainList(v).containsAll(plainList(Py.arg(a, k, 0, "b", null))))));
        return all;
    }

    /** Jinja2's comparison tests with Python's comparison rules ({@link PyOps}). */
    private static List<ExpTest> comparisons() {
        List<ExpTest> out = new java.util.ArrayList<>();
        for (String n : List.of("eq", "equalto", "==")) {
            out.add(new TestFn(n, (v, a, k) -> PyOps.equal(v, a[0])));
        }
        for (String n : List.of("ne", "!=")) {
            out.add(new TestFn(n, (v, a, k) -> !PyOps.equal(v, a[0])));
        }
        for (String n : List.of("lt", "lessthan", "<")) {
            out.add(new TestFn(n, (v, a, k) -> PyOps.compare(v, a[0], "<") < 0));
        }
        for (String n : List.of("le", "<=")) {
            out.add(new TestFn(n, (v, a, k) -> PyOps.compare(v, a[0], "<=") <= 0));
        }
        for (String n : List.of("gt", "greaterthan", ">")) {
            out.add(new TestFn(n, (v, a, k) -> PyOps.compare(v, a[0], ">") > 0));
        }
        for (String n : List.of("ge", ">=")) {
            out.add(new TestFn(n, (v, a, k) -> PyOps.compare(v, a[0], ">=") >= 0));
        }
        return out;
    }

    /** {@code truthy(convert_bool=True)} reads yes/no strings as booleans first. */
    private static boolean truthy(Object v, Map<String, Object> kwargs) {
        if (Py.truthy(kwargs.get("convert_bool")) && v != null && !(v instanceof Collection) && !(v instanceof Map)) {
            return Py.bool(v);
        }
        return Py.truthy(v);
    }

    private static boolean regex(Object v, Object[] args, Map<String, Object> kwargs, String type) {
        PyRegex re = RegexFilters.regex(Py.arg(args, kwargs, 0, "pattern", ""), kwargs);
        Matcher m = re.pattern().matcher(Py.str(v));
        return switch (type) {
            case "match" -> m.lookingAt();
            case "search" -> m.find();
            case "fullmatch" -> m.matches();
            default -> throw new FilterFailure("match_type must be match, search or fullmatch, not '" + type + "'");
        };
    }

    private static boolean version(Object v, Object[] args, Map<String, Object> kwargs) {
        // TestFn has already spread jinjava's argument tuple ("x is version('4.0', '<')")
        Object other = Py.arg(args, kwargs, 0, "version", null);
        String operator = Py.strArg(args, kwargs, 1, "operator", "eq");
        Object type = kwargs.get("version_type");
        if (type != null && !"loose".equals(Py.str(type))) {
            throw new FilterFailure("version_type '" + Py.str(type) + "' is not supported (only loose comparison is)");
        }
        return LooseVersion.compare(v, other, operator);
    }

    private static List<Object> plainList(Object v) {
        return Py.list(Natives.plain(v));
    }

    static boolean contains(Object container, Object item) {
        if (container instanceof Map<?, ?> m) {
            return m.containsKey(item);
        }
        if (container instanceof CharSequence s) {
            return s.toString().contains(Py.str(item));
        }
        for (Object o : Py.list(container)) {
            if (equal(o, item)) {
                return true;
            }
        }
        return false;
    }

    /** Python equality: 1 == 1.0, and Integer 1 equals Long 1. */
    static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof CharSequence && b instanceof CharSequence) {
            return a.toString().equals(b.toString());
        }
        return Objects.equals(Natives.plain(a), Natives.plain(b));
    }
}
