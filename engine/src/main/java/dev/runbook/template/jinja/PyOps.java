package dev.runbook.template.jinja;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Python's operators as Jinja2 applies them: no conversion between strings and numbers
 * ({@code 1 == '1'} is false, {@code 'a' + 1} is an error), {@code /} always gives a float,
 * {@code //} and {@code %} floor, division by zero is an error, and {@code *} repeats strings
 * and lists. The messages are Python's.
 */
final class PyOps {
    private PyOps() {
    }

    static boolean isNumber(Object o) {
        return o instanceof Number || o instanceof Boolean;
    }

    private static boolean isFloat(Object o) {
        return o instanceof Double || o instanceof Float || o instanceof BigDecimal;
    }

    static BigInteger integer(Object o) {
        if (o instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (o instanceof BigInteger b) {
            return b;
        }
        return BigInteger.valueOf(((Number) o).longValue());
    }

    static double real(Object o) {
        return o instanceof Boolean b ? (b ? 1 : 0) : ((Number) o).doubleValue();
    }

    static Object narrow(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    static boolean equal(Object a, Object b) {
        a = unwrap(a);
        b = unwrap(b);
        if (a == null || b == null) {
            return a == b;
        }
        if (isNumber(a) && isNumber(b)) {
            return isFloat(a) || isFloat(b) ? real(a) == real(b) : integer(a).equals(integer(b));
        }
        if (a instanceof CharSequence && b instanceof CharSequence) {
            return a.toString().equals(b.toString());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size() || (a instanceof PyTuple) != (b instanceof PyTuple)) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                Object key = findKey(y, e.getKey());
                if (key == NONE || !equal(e.getValue(), y.get(key))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static final Object NONE = new Object();

    private static Object findKey(Map<?, ?> m, Object key) {
        for (Object k : m.keySet()) {
            if (equal(k, key)) {
                return k;
            }
        }
        return NONE;
    }

    /** Python's ordering; mixing types that Python cannot order is a TypeError. */
    static int compare(Object a, Object b, String op) {
        a = unwrap(a);
        b = unwrap(b);
        if (isNumber(a) && isNumber(b)) {
            return isFloat(a) || isFloat(b) ? Double.compare(real(a), real(b)) : integer(a).compareTo(integer(b));
        }
        if (a instanceof CharSequence && b instanceof CharSequence) {
            return a.toString().compareTo(b.toString());
        }
        if (a instanceof List<?> x && b instanceof List<?> y && (a instanceof PyTuple) == (b instanceof PyTuple)) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return compare(x.get(i), y.get(i), op);
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        throw new FilterFailure("'" + op + "' not supported between instances of '" + Py.typeName(a) + "' and '"
            + Py.typeName(b) + "'");
    }

    static Object add(Object a, Object b) {
        a = unwrap(a);
        b = unwrap(b);
        if (isNumber(a) && isNumber(b)) {
            return isFloat(a) || isFloat(b) ? (Object) (real(a) + real(b)) : narrow(integer(a).add(integer(b)));
        }
        if (a instanceof CharSequence && b instanceof CharSequence) {
            return a.toString() + b;
        }
        if (a instanceof List<?> x && b instanceof List<?> y && (a instanceof PyTuple) == (b instanceof PyTuple)) {
            List<Object> out = new ArrayList<>(x);
            out.addAll(y);
            return a instanceof PyTuple ? new PyTuple(out) : out;
        }
        if (a instanceof CharSequence) {
            throw new FilterFailure("can only concatenate str (not \"" + Py.typeName(b) + "\") to str");
        }
        if (a instanceof List<?> && !(a instanceof PyTuple)) {
            throw new FilterFailure("can only concatenate list (not \"" + Py.typeName(b) + "\") to list");
        }
        throw unsupported("+", a, b);
    }

    static Object sub(Object a, Object b) {
        a = unwrap(a);
        b = unwrap(b);
        if (isNumber(a) && isNumber(b)) {
            return isFloat(a) || isFloat(b) ? (Object) (real(a) - real(b)) : narrow(integer(a).subtract(integer(b)));
        }
        throw unsupported("-", a, b);
    }

    static Object mul(Object a, Object b) {
        a = unwrap(a);
        b = unwrap(b);
        if (isNumber(a) && isNumber(b)) {
            return isFloat(a) || isFloat(b) ? (Object) (real(a) * real(b)) : narrow(integer(a).multiply(integer(b)));
        }
        if (isNumber(b) && !isFloat(b) && (a instanceof CharSequence || a instanceof List)) {
            return repeat(a, integer(b).intValue());
        }
        if (isNumber(a) && !isFloat(a) && (b instanceof CharSequence || b instanceof List)) {
            return repeat(b, integer(a).intValue());
        }
        if ((a instanceof CharSequence || a instanceof List) && isFloat(b)) {
            throw new FilterFailure("can't multiply sequence by non-int of type 'float'");
        }
        throw unsupported("*", a, b);
    }

    private static Object repeat(Object seq, int times) {
        if (seq instanceof CharSequence s) {
            return times <= 0 ? "" : s.toString().repeat(times);
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.addAll((Collection<?>) seq);
        }
        return seq instanceof PyTuple ? new PyTuple(out) : out;
    }

    static Object div(Object a, Object b) {
        a = unwrap(a);
        b = unwrap(b);
        if (!isNumber(a) || !isNumber(b)) {
            throw unsupported("/", a, b);
        }
        if (real(b) == 0) {
            throw new FilterFailure("division by zero");
        }
        return real(a) / real(b);
    }

    static Object floorDiv(Object a, Object b) {
        a = unwrap(a);
        b = unwrap(b);
        if (!isNumber(a) || !isNumber(b)) {
            throw unsupported("//", a, b);
        }
        if (real(b) == 0) {
            throw new FilterFailure("integer division or modulo by zero");
        }
        if (isFloat(a) || isFloat(b)) {
            return Math.floor(real(a) / real(b));
        }
        BigInteger[] qr = integer(a).divideAndRemainder(integer(b));
        BigInteger q = qr[0];
        if (qr[1].signum() != 0 && qr[1].signum() != integer(b).signum()) {
            q = q.subtract(BigInteger.ONE);
        }
        return narrow(q);
    }

    static Object mod(Object a, Object b) {
        a = unwrap(a);
        b = unwrap(b);
        if (a instanceof CharSequence s) {
            return PyFormat.percent(s.toString(), b);
        }
        if (!isNumber(a) || !isNumber(b)) {
            throw unsupported("%", a, b);
        }
        if (real(b) == 0) {
            throw new FilterFailure("integer division or modulo by zero");
        }
        if (isFloat(a) || isFloat(b)) {
            double x = real(a);
            double y = real(b);
            return x - y * Math.floor(x / y);
        }
        BigInteger m = integer(a).mod(integer(b).abs());
        if (integer(b).signum() < 0 && m.signum() != 0) {
            m = m.add(integer(b));
        }
        return narrow(m);
    }

    static Object pow(Object a, Object b) {
        a = unwrap(a);
        b = unwrap(b);
        if (!isNumber(a) || !isNumber(b)) {
            throw unsupported("** or pow()", a, b);
        }
        if (!isFloat(a) && !isFloat(b) && integer(b).signum() >= 0) {
            return narrow(integer(a).pow(integer(b).intValueExact()));
        }
        if (real(a) == 0 && real(b) < 0) {
            throw new FilterFailure("0.0 cannot be raised to a negative power");
        }
        return Math.pow(real(a), real(b));
    }

    /** {@code ~}: both sides as Python's str() prints them (None is 'None'). */
    static Object concat(Object a, Object b) {
        return Py.str(Natives.plain(unwrap(a))) + Py.str(Natives.plain(unwrap(b)));
    }

    private static FilterFailure unsupported(String op, Object a, Object b) {
        return new FilterFailure("unsupported operand type(s) for " + op + ": '" + Py.typeName(a) + "' and '"
            + Py.typeName(b) + "'");
    }

    private static Object unwrap(Object o) {
        if (o instanceof com.hubspot.jinjava.objects.SafeString s) {
            return s.toString();
        }
        return o;
    }
}
