package dev.runbook.template.jinja;

import com.hubspot.jinjava.objects.SafeString;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what jinjava returns into plain Java values: PyList and sets into ArrayList, PyMap into
 * LinkedHashMap, SafeString into String, whole numbers into Integer (Long when too big) and
 * other numbers into Double, so callers see the same types as values read from YAML.
 */
public final class Natives {
    private Natives() {
    }

    public static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof SafeString || v instanceof CharSequence || v instanceof Character) {
            return v.toString();
        }
        if (v instanceof Number n) {
            return number(n);
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(plain(k), plain(val)));
            return out;
        }
        if (v instanceof PyTuple t) {
            List<Object> out = new ArrayList<>(t.size());
            t.forEach(o -> out.add(plain(o)));
            return new PyTuple(out);
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(o -> out.add(plain(o)));
            return out;
        }
        if (v instanceof Map.Entry<?, ?> e) {
            return new ArrayList<>(List.of(plain(e.getKey()), plain(e.getValue())));
        }
        if (v.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                out.add(plain(Array.get(v, i)));
            }
            return out;
        }
        return v;
    }

    static Object number(Number n) {
        if (n instanceof Integer) {
            return n;
        }
        if (n instanceof Long || n instanceof Short || n instanceof Byte) {
            long l = n.longValue();
            if (l == (int) l) {
                return Integer.valueOf((int) l);
            }
            return Long.valueOf(l);
        }
        if (n instanceof BigInteger b) {
            if (b.bitLength() < 32) {
                return Integer.valueOf(b.intValue());
            }
            return b.bitLength() < 64 ? (Object) Long.valueOf(b.longValue()) : b;
        }
        if (n instanceof BigDecimal || n instanceof Float) {
            return n.doubleValue();
        }
        return n;
    }
}
