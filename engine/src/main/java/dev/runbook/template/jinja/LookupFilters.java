package dev.runbook.template.jinja;

import com.hubspot.jinjava.lib.filter.Filter;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Ansible's extract, subelements, urldecode and to_uuid. */
final class LookupFilters {
    /** Ansible's default namespace for to_uuid. */
    private static final UUID ANSIBLE_NAMESPACE = UUID.fromString("361E6D51-FAEC-444A-9079-341386DA8E2E");

    private LookupFilters() {
    }

    static List<Filter> all() {
        return List.of(
            new FilterFn("extract", LookupFilters::extract),
            new FilterFn("subelements", LookupFilters::subelements),
            new FilterFn("urldecode", (v, a, k) -> URLDecoder.decode(Py.str(v), StandardCharsets.UTF_8)),
            new FilterFn("to_uuid", (v, a, k) -> {
                String ns = Py.strArg(a, k, 0, "namespace", null);
                return uuid5(ns == null ? ANSIBLE_NAMESPACE : UUID.fromString(ns), Py.str(v)).toString();
            }));
    }

    /** {@code key | extract(container, morekeys)}: container[key], then each of morekeys. */
    private static Object extract(Object v, Object[] args, Map<String, Object> kwargs) {
        Object value = item(Py.arg(args, kwargs, 0, "container", null), v);
        Object more = Py.arg(args, kwargs, 1, "morekeys", null);
        if (more != null) {
            for (Object key : more instanceof List<?> l ? l : List.of(more)) {
                value = item(value, key);
            }
        }
        return value;
    }

    private static Object item(Object container, Object key) {
        if (container instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (PyOps.equal(e.getKey(), key)) {
                    return e.getValue();
                }
            }
        } else if (container instanceof List<?> l && Py.isIntegral(key)) {
            int i = ((Number) key).intValue();
            int at = i < 0 ? l.size() + i : i;
            if (at >= 0 && at < l.size()) {
                return l.get(at);
            }
        } else if (container instanceof Undefined) {
            return container;
        }
        RenderState state = RenderContext.current();
        String detail = Py.typeName(container) + " object has no element " + Py.repr(key);
        if (state == null) {
            throw new FilterFailure(detail);
        }
        return state.undefined(null, detail);
    }

    /** A list of (item, subitem) tuples for every subitem of the list at {@code item[path]}. */
    private static Object subelements(Object v, Object[] args, Map<String, Object> kwargs) {
        String path = Py.strArg(args, kwargs, 0, "subelements", null);
        boolean skipMissing = Py.boolArg(args, kwargs, 1, "skip_missing");
        List<Object> out = new ArrayList<>();
        for (Object element : v instanceof Map<?, ?> m ? new ArrayList<>(m.values()) : Py.list(v)) {
            Object values = element;
            boolean missing = false;
            for (String key : path.split("\\.")) {
                if (values instanceof Map<?, ?> m && m.containsKey(key)) {
                    values = m.get(key);
                } else {
                    missing = true;
                    break;
                }
            }
            if (missing) {
                if (skipMissing) {
                    continue;
                }
                // the item's keys only: its values may be secrets
                throw new FilterFailure("could not find '" + path + "' key in an iterated item"
                    + (element instanceof Map<?, ?> m ? " (keys: " + m.keySet() + ")" : ""));
            }
            if (!(values instanceof List<?> items)) {
                throw new FilterFailure("the key " + path + " should point to a list, got a " + Py.typeName(values));
            }
            items.forEach(sub -> out.add(PyTuple.of(element, sub)));
        }
        return out;
    }

    /** RFC 4122 version 5 (SHA-1) UUID, as Python's uuid.uuid5. */
    static UUID uuid5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits());
            sha1.update(ns.array());
            sha1.update(name.getBytes(StandardCharsets.UTF_8));
            byte[] h = sha1.digest();
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
            return new UUID(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 missing from the JDK", e);
        }
    }
}
