package dev.runbook.template.jinja;

import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** dict2items, items2dict and combine, as in Ansible. */
final class DictFilters {
    private DictFilters() {
    }

    static List<Filter> all() {
        return List.of(
            new FilterFn("dict2items", DictFilters::dict2items),
            new FilterFn("items2dict", DictFilters::items2dict),
            new FilterFn("combine", DictFilters::combine));
    }

    private static Object dict2items(Object v, Object[] args, Map<String, Object> kwargs) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new FilterFailure("dict2items expects a dict, got " + Py.typeName(v));
        }
        String keyName = Py.strArg(args, kwargs, 0, "key_name", "key");
        String valueName = Py.strArg(args, kwargs, 1, "value_name", "value");
        List<Object> out = new ArrayList<>();
        m.forEach((k, val) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(keyName, k);
            item.put(valueName, val);
            out.add(item);
        });
        return out;
    }

    private static Object items2dict(Object v, Object[] args, Map<String, Object> kwargs) {
        String keyName = Py.strArg(args, kwargs, 0, "key_name", "key");
        String valueName = Py.strArg(args, kwargs, 1, "value_name", "value");
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Object item : Py.list(v)) {
            if (item instanceof List<?> pair && pair.size() == 2 && args.length == 0 && kwargs.isEmpty()) {
                out.put(pair.get(0), pair.get(1));
                continue;
            }
            if (!(item instanceof Map<?, ?> m) || !m.containsKey(keyName) || !m.containsKey(valueName)) {
                throw new FilterFailure("items2dict expects a list of dicts with keys '" + keyName
                    + "' and '" + valueName + "', got " + describe(item));
            }
            out.put(m.get(keyName), m.get(valueName));
        }
        return out;
    }

    /** Later dicts win; nested dicts are merged too when {@code recursive=true}. */
    private static Object combine(Object v, Object[] args, Map<String, Object> kwargs) {
        boolean recursive = Py.truthy(kwargs.get("recursive"));
        String listMerge = kwargs.containsKey("list_merge") ? Py.str(kwargs.get("list_merge")) : "replace";
        if (v instanceof List<?> list) {
            List<Object> all = new ArrayList<>(list);
            all.addAll(List.of(args));
            return combine(all.isEmpty() ? Map.of() : all.get(0), all.subList(Math.min(1, all.size()), all.size()).toArray(), kwargs);
        }
        Map<Object, Object> out = new LinkedHashMap<>(asMap(v));
        for (Object arg : args) {
            for (Object d : arg instanceof List<?> l ? l : List.of(arg)) {
                merge(out, asMap(d), recursive, listMerge);
            }
        }
        return out;
    }

    private static void merge(Map<Object, Object> into, Map<?, ?> from, boolean recursive, String listMerge) {
        from.forEach((k, val) -> {
            Object old = into.get(k);
            if (recursive && old instanceof Map<?, ?> a && val instanceof Map<?, ?> b) {
                Map<Object, Object> merged = new LinkedHashMap<>(a);
                merge(merged, b, true, listMerge);
                into.put(k, merged);
            } else if (old instanceof List<?> a && val instanceof List<?> b) {
                into.put(k, mergeLists(a, b, listMerge));
            } else {
                into.put(k, val);
            }
        });
    }

    private static List<Object> mergeLists(List<?> old, List<?> added, String mode) {
        List<Object> out = new ArrayList<>();
        switch (mode) {
            case "replace" -> out.addAll(added);
            case "keep" -> out.addAll(old);
            case "append" -> { out.addAll(old); out.addAll(added); }
            case "prepend" -> { out.addAll(added); out.addAll(old); }
            case "append_rp" -> { old.stream().filter(x -> !added.contains(x)).forEach(out::add); out.addAll(added); }
            case "prepend_rp" -> { out.addAll(added); old.stream().filter(x -> !added.contains(x)).forEach(out::add); }
            default -> throw new FilterFailure("combine: list_merge must be replace, keep, append, prepend,"
                + " append_rp or prepend_rp, not '" + mode + "'");
        }
        return out;
    }

    /** The shape of a value, never its content: values may be secrets. */
    private static String describe(Object item) {
        if (item instanceof Map<?, ?> m) {
            return "a dict with keys " + m.keySet();
        }
        String type = Py.typeName(item);
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }

    private static Map<?, ?> asMap(Object v) {
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw new FilterFailure("combine expects dicts, got " + Py.typeName(v));
    }
}
