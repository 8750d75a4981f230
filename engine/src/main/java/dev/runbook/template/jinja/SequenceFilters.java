package dev.runbook.template.jinja;

import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** zip, zip_longest, product, batch, slice, groupby, list, dictsort, as Python's itertools and Jinja2 build them. */
final class SequenceFilters {
    private SequenceFilters() {
    }

    static List<Filter> all() {
        return List.of(
            new FilterFn("zip", (v, a, k) -> zip(v, a, false, null)),
            new FilterFn("zip_longest", (v, a, k) -> zip(v, a, true, k.get("fillvalue"))),
            new FilterFn("product", SequenceFilters::product),
            new FilterFn("batch", SequenceFilters::batch),
            new FilterFn("slice", SequenceFilters::slice),
            new FilterFn("groupby", SequenceFilters::groupby),
            new FilterFn("list", (v, a, k) -> Py.list(v)),
            new FilterFn("dictsort", SequenceFilters::dictsort));
    }

    private static List<Object> zip(Object v, Object[] args, boolean longest, Object fill) {
        List<List<Object>> lists = new ArrayList<>();
        lists.add(Py.list(v));
        for (Object a : args) {
            lists.add(Py.list(a));
        }
        int n = longest ? lists.stream().mapToInt(List::size).max().orElse(0)
            : lists.stream().mapToInt(List::size).min().orElse(0);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Object> row = new ArrayList<>();
            for (List<Object> l : lists) {
                row.add(i < l.size() ? l.get(i) : fill);
            }
            out.add(new PyTuple(row));
        }
        return out;
    }

    private static Object product(Object v, Object[] args, Map<String, Object> kwargs) {
        List<List<Object>> pools = new ArrayList<>();
        pools.add(Py.list(v));
        for (Object a : args) {
            pools.add(Py.list(a));
        }
        int repeat = ((Number) kwargs.getOrDefault("repeat", 1L)).intValue();
        List<List<Object>> all = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            all.addAll(pools);
        }
        List<List<Object>> result = new ArrayList<>();
        result.add(new ArrayList<>());
        for (List<Object> pool : all) {
            List<List<Object>> next = new ArrayList<>();
            for (List<Object> prefix : result) {
                for (Object item : pool) {
                    List<Object> row = new ArrayList<>(prefix);
                    row.add(item);
                    next.add(row);
                }
            }
            result = next;
        }
        List<Object> out = new ArrayList<>();
        result.forEach(r -> out.add(new PyTuple(r)));
        return out;
    }

    /** Jinja2: the last batch is padded only when a fill value is given. */
    private static Object batch(Object v, Object[] args, Map<String, Object> kwargs) {
        int size = ((Number) Py.arg(args, kwargs, 0, "linecount", null)).intValue();
        boolean fill = args.length > 1 || kwargs.containsKey("fill_with");
        Object filler = Py.arg(args, kwargs, 1, "fill_with", null);
        List<Object> items = Py.list(v);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            List<Object> chunk = new ArrayList<>(items.subList(i, Math.min(items.size(), i + size)));
            while (fill && chunk.size() < size) {
                chunk.add(filler);
            }
            out.add(chunk);
        }
        return out;
    }

    /** Jinja2's slice: n columns, the first ones one item longer. */
    private static Object slice(Object v, Object[] args, Map<String, Object> kwargs) {
        int slices = ((Number) Py.arg(args, kwargs, 0, "slices", null)).intValue();
        boolean fill = args.length > 1 || kwargs.containsKey("fill_with");
        Object filler = Py.arg(args, kwargs, 1, "fill_with", null);
        List<Object> seq = Py.list(v);
        int per = seq.size() / slices;
        int extra = seq.size() % slices;
        int offset = 0;
        List<Object> out = new ArrayList<>();
        for (int n = 0; n < slices; n++) {
            int start = offset + n * per;
            if (n < extra) {
                offset++;
            }
            int end = offset + (n + 1) * per;
            List<Object> part = new ArrayList<>(seq.subList(start, end));
            if (fill && n >= extra) {
                part.add(filler);
            }
            out.add(part);
        }
        return out;
    }

    /** Jinja2's groupby: sorted by the attribute (strings without case), a list of (grouper, items) tuples. */
    private static Object groupby(Object v, Object[] args, Map<String, Object> kwargs) {
        String attribute = Py.strArg(args, kwargs, 0, "attribute", null);
        Object dflt = Py.arg(args, kwargs, 1, "default", null);
        boolean caseSensitive = Py.truthy(kwargs.get("case_sensitive"));
        List<Object> items = Py.list(v);
        boolean hasDefault = args.length > 1 || kwargs.containsKey("default");
        List<Object> raw = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        for (Object item : items) {
            Object k = Attr.get(item, attribute);
            if (hasDefault && Undefined.check(k)) {
                k = dflt;
            }
            raw.add(k);
            keys.add(!caseSensitive && k instanceof String s ? s.toLowerCase(Locale.ROOT) : k);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> PyOps.compare(keys.get(x), keys.get(y), "<"));
        Map<Object, List<Object>> groups = new LinkedHashMap<>();
        Map<Object, Object> groupers = new LinkedHashMap<>();
        for (int i : order) {
            Object k = keys.get(i);
            groups.computeIfAbsent(k, x -> new ArrayList<>()).add(items.get(i));
            groupers.putIfAbsent(k, raw.get(i));
        }
        List<Object> out = new ArrayList<>();
        groups.forEach((k, members) -> out.add(PyTuple.of(groupers.get(k), members)));
        return out;
    }

    private static Object dictsort(Object v, Object[] args, Map<String, Object> kwargs) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new FilterFailure("dictsort expects a dict, got " + Py.typeName(v));
        }
        boolean caseSensitive = Py.boolArg(args, kwargs, 0, "case_sensitive");
        String by = Py.strArg(args, kwargs, 1, "by", "key");
        boolean reverse = Py.boolArg(args, kwargs, 2, "reverse");
        int pos = switch (by) {
            case "key" -> 0;
            case "value" -> 1;
            default -> throw new FilterFailure("dictsort: you can only sort by either \"key\" or \"value\"");
        };
        List<Object> out = new ArrayList<>();
        m.forEach((k, val) -> out.add(PyTuple.of(k, val)));
        out.sort((x, y) -> {
            Object a = ((PyTuple) x).get(pos);
            Object b = ((PyTuple) y).get(pos);
            if (!caseSensitive && a instanceof String s && b instanceof String t) {
                a = s.toLowerCase(Locale.ROOT);
                b = t.toLowerCase(Locale.ROOT);
            }
            int c = PyOps.compare(a, b, "<");
            return reverse ? -c : c;
        });
        return out;
    }
}
