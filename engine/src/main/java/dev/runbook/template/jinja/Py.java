package dev.runbook.template.jinja;

import com.hubspot.jinjava.objects.SafeString;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Python's notions that Ansible's filters rely on: truthiness, str(), argument passing. */
public final class Py {
    private static final Set<String> TRUE_WORDS = Set.of("yes", "on", "1", "true");

    private Py() {
    }

    /** Positional argument {@code i}, else keyword {@code name}, else the default. */
    static Object arg(Object[] args, Map<String, Object> kwargs, int i, String name, Object dflt) {
        if (args != null && i < args.length) {
            return args[i];
        }
        if (kwargs != null && kwargs.containsKey(name)) {
            return kwargs.get(name);
        }
        return dflt;
    }

    static String strArg(Object[] args, Map<String, Object> kwargs, int i, String name, String dflt) {
        Object v = arg(args, kwargs, i, name, dflt);
        return v == null ? null : str(v);
    }

    static boolean boolArg(Object[] args, Map<String, Object> kwargs, int i, String name) {
        return truthy(arg(args, kwargs, i, name, false));
    }

    /** Jinja2 truthiness: None, false, 0, and empty strings and collections are false. */
    public static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof CharSequence || v instanceof SafeString) {
            return !v.toString().isEmpty();
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v.getClass().isArray()) {
            return Array.getLength(v) > 0;
        }
        return true;
    }

    /** Ansible's {@code bool} filter: yes/on/1/true (any case) and 1 are true, anything else false. */
    public static boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() == 1;
        }
        return v != null && TRUE_WORDS.contains(v.toString().trim().toLowerCase(Locale.ROOT));
    }

    /** Python's str(): None, True, [1, 'a'], {'k': 'v'}. */
    public static String str(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Collection<?> || v instanceof Map<?, ?> || v.getClass().isArray()) {
            return repr(v);
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            return floatRepr(((Number) v).doubleValue());
        }
        return v.toString();
    }

    /** Python's repr(), used inside lists and dicts. */
    static String repr(Object v) {
        if (v instanceof String || v instanceof SafeString) {
            return "'" + v.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            m.forEach((k, val) -> sb.append(sb.length() > 1 ? ", " : "").append(repr(k)).append(": ").append(repr(val)));
            return sb.append('}').toString();
        }
        if (v instanceof PyTuple t) {
            StringBuilder sb = new StringBuilder("(");
            for (Object o : t) {
                sb.append(sb.length() > 1 ? ", " : "").append(repr(o));
            }
            return sb.append(t.size() == 1 ? ",)" : ")").toString();
        }
        if (v instanceof Collection<?> || (v != null && v.getClass().isArray())) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : list(v)) {
                sb.append(sb.length() > 1 ? ", " : "").append(repr(o));
            }
            return sb.append(']').toString();
        }
        return str(v);
    }

    static String floatRepr(double d) {
        return PyNumbers.repr(d);
    }

    /** A list view of anything iterable; a string or map is iterated like in Python. */
    static List<Object> list(Object v) {
        if (v == null) {
            throw new FilterFailure("expected a list, got None");
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        if (v instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (v instanceof Map<?, ?> m) {
            return new ArrayList<>(m.keySet());
        }
        if (v.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                out.add(Array.get(v, i));
            }
            return out;
        }
        if (v instanceof CharSequence || v instanceof SafeString) {
            List<Object> out = new ArrayList<>();
            v.toString().codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        throw new FilterFailure("expected a list, got " + typeName(v));
    }

    static boolean isIntegral(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
            || v instanceof BigInteger;
    }

    /** Python's type names, for messages. */
    static String typeName(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof CharSequence || v instanceof SafeString) {
            return "str";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (isIntegral(v)) {
            return "int";
        }
        if (v instanceof Number) {
            return "float";
        }
        if (v instanceof Map) {
            return "dict";
        }
        if (v instanceof PyTuple) {
            return "tuple";
        }
        if (v instanceof Collection || v.getClass().isArray()) {
            return "list";
        }
        return v.getClass().getSimpleName();
    }
}
