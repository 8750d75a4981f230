package dev.runbook.template.jinja;

import com.hubspot.jinjava.objects.collections.PyList;
import com.hubspot.jinjava.objects.collections.PyMap;
import java.beans.FeatureDescriptor;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Placed before jinjava's own resolvers: a missing key of a map or index of a list becomes an
 * {@link Undefined} naming the full path ({@code result.stdout}), and any attribute of an
 * undefined value is that same undefined value, so {@code x.y | default(z)} works as in Ansible.
 */
final class StrictResolver extends ELResolver {
    private static final Map<Class<?>, Set<String>> METHODS = new ConcurrentHashMap<>();

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base == null || property == null) {
            return null;
        }
        RenderState state = RenderContext.current();
        if (state == null) {
            return null;
        }
        if (base instanceof Undefined) {
            context.setPropertyResolved(true);
            return base;
        }
        if (base instanceof Map<?, ?> map) {
            return mapValue(context, state, map, property);
        }
        if (base instanceof List<?> list && index(property) != null) {
            return listValue(context, state, list, index(property));
        }
        if (base instanceof String s && index(property) != null) {
            return character(context, state, s, index(property));
        }
        if (base instanceof String || base instanceof Number || base instanceof Boolean) {
            return scalarAttribute(context, state, base, String.valueOf(property));
        }
        return null;
    }

    /** {@code name[0]}, {@code name[-1]}: one character, as in Python. */
    private Object character(ELContext context, RenderState state, String s, long index) {
        context.setPropertyResolved(true);
        long i = index < 0 ? s.length() + index : index;
        if (i >= 0 && i < s.length()) {
            return String.valueOf(s.charAt((int) i));
        }
        String parent = state.pathOf(s);
        return state.undefined((parent == null ? "" : parent) + "[" + index + "]",
            "the string has no character " + index + " (it has " + s.length() + ")");
    }

    /** {@code "text".foo} is undefined, unless foo is one of the Python string methods we offer. */
    private Object scalarAttribute(ELContext context, RenderState state, Object base, String property) {
        if (base instanceof String && PyStr.METHODS.contains(property)) {
            return null;
        }
        String parent = base instanceof String ? state.pathOf(base) : null;
        String path = parent == null ? property : parent + "." + property;
        context.setPropertyResolved(true);
        return state.undefined(path, "'" + Py.typeName(base) + " object' has no attribute '" + property + "'");
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
        if (base instanceof String s && method != null && PyStr.METHODS.contains(method.toString())) {
            context.setPropertyResolved(true);
            return PyStr.call(s, method.toString(), params == null ? new Object[0] : params);
        }
        if (base instanceof Map<?, ?> m && "get".equals(String.valueOf(method)) && params != null
            && (params.length == 1 || params.length == 2)) {
            context.setPropertyResolved(true);
            Object key = findKey(m, params[0]);
            return key != NO_KEY ? m.get(key) : params.length == 2 ? params[1] : null;
        }
        if (base instanceof Map<?, ?> m && "items".equals(String.valueOf(method)) && (params == null || params.length == 0)) {
            context.setPropertyResolved(true);
            java.util.List<Object> items = new java.util.ArrayList<>();
            m.forEach((k, v) -> items.add(PyTuple.of(k, v)));
            return items;
        }
        return null;
    }

    private static Long index(Object property) {
        if (isIntegral(property)) {
            return ((Number) property).longValue();
        }
        if (property instanceof String s && s.matches("-?\\d{1,9}")) {
            return Long.parseLong(s);
        }
        return null;
    }

    private Object mapValue(ELContext context, RenderState state, Map<?, ?> map, Object property) {
        Object key = findKey(map, property);
        String path = child(state.pathOf(unwrap(map)), String.valueOf(property));
        if (key != NO_KEY) {
            Object value = map.get(key);
            state.remember(unwrap(value), path);
            context.setPropertyResolved(true);
            return value;
        }
        if (isMethod(map, String.valueOf(property))) {
            return null;
        }
        context.setPropertyResolved(true);
        String parent = state.pathOf(unwrap(map));
        String owner = parent == null ? "the dict" : parent;
        return state.undefined(path, owner + " has no key '" + property + "'" + keysHint(map));
    }

    private Object listValue(ELContext context, RenderState state, List<?> list, long index) {
        String parent = state.pathOf(unwrap(list));
        String path = (parent == null ? "" : parent) + "[" + index + "]";
        long i = index < 0 ? list.size() + index : index;
        context.setPropertyResolved(true);
        if (i >= 0 && i < list.size()) {
            Object value = list.get((int) i);
            state.remember(unwrap(value), path);
            return value;
        }
        String owner = parent == null ? "the list" : parent;
        return state.undefined(path, owner + " has no element " + index + " (it has " + list.size() + ")");
    }

    private static final Object NO_KEY = new Object();

    /** Keys from YAML may be numbers while the expression gives a string or a long, or back. */
    private static Object findKey(Map<?, ?> map, Object property) {
        if (map.containsKey(property)) {
            return property;
        }
        String text = String.valueOf(property);
        if (map.containsKey(text)) {
            return text;
        }
        if (isIntegral(property) || text.matches("-?\\d{1,18}")) {
            long n = Long.parseLong(text);
            for (Object k : List.of(n, (int) n)) {
                if (map.containsKey(k)) {
                    return k;
                }
            }
        }
        return NO_KEY;
    }

    private static boolean isIntegral(Object o) {
        return o instanceof Long || o instanceof Integer || o instanceof Short;
    }

    private static String child(String parent, String key) {
        return parent == null ? key : parent + "." + key;
    }

    private static Object unwrap(Object o) {
        if (o instanceof PyMap m) {
            return m.toMap();
        }
        if (o instanceof PyList l) {
            return l.toList();
        }
        return o;
    }

    private static String keysHint(Map<?, ?> map) {
        if (map.isEmpty()) {
            return " (it is empty)";
        }
        String keys = map.keySet().stream().limit(12).map(String::valueOf)
            .collect(Collectors.joining(", "));
        return " (keys: " + keys + (map.size() > 12 ? ", ..." : "") + ")";
    }

    /** {@code d.items()} asks the resolver for the property "items" before calling the method. */
    private static boolean isMethod(Object base, String name) {
        Set<String> names = METHODS.computeIfAbsent(base.getClass(), c -> Arrays.stream(c.getMethods())
            .map(Method::getName).collect(Collectors.toUnmodifiableSet()));
        return names.contains(name);
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return Object.class;
    }
}
