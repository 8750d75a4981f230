package dev.runbook.template.jinja;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lookups Ansible's {@code with_*} loops use beyond the file ones: dict, subelements,
 * together, nested, sequence, indexed_items, flattened (also usable with query()).
 */
final class LoopLookups {
    static final List<String> NAMES = List.of("dict", "subelements", "together", "nested", "sequence", "indexed_items", "flattened");
    private static final Pattern SHORTCUT = Pattern.compile("(?:(-?\\d+|0[xX][0-9a-fA-F]+|0[0-7]+)-)?(-?\\d+|0[xX][0-9a-fA-F]+|0[0-7]+)"
            + "(?:/(-?\\d+|0[xX][0-9a-fA-F]+|0[0-7]+))?(?::(.+))?");

    private LoopLookups() {
    }

    static List<Object> run(String plugin, List<Object> terms) {
        return switch (plugin) {
            case "dict" -> dict(terms);
            case "subelements" -> subelements(terms);
            case "together" -> together(terms);
            case "nested" -> nested(terms);
            case "sequence" -> sequence(terms);
            case "indexed_items" -> indexed(terms);
            case "flattened" -> flatten(terms, new ArrayList<>());
            default -> throw new IllegalArgumentException(plugin);
        };
    }

    private static List<Object> dict(List<Object> terms) {
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            if (!(t instanceof Map<?, ?> m)) {
                throw new FilterFailure("with_dict expects a dict, got " + Py.typeName(t));
            }
            m.forEach((k, v) -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("key", k);
                item.put("value", v);
                out.add(item);
            });
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> subelements(List<Object> terms) {
        if (terms.size() < 2 || terms.size() > 3 || !(terms.get(1) instanceof String subkeys)) {
            throw new FilterFailure("subelements lookup expects a list of two or three items: a list (or dict) of dicts, "
                    + "the name of their list key, and optional flags");
        }
        boolean skipMissing = false;
        if (terms.size() == 3) {
            if (!(terms.get(2) instanceof Map<?, ?> flags) || !flags.keySet().stream().allMatch("skip_missing"::equals)) {
                throw new FilterFailure("the optional third item of a subelements lookup must be a dict with flag "
                        + "skip_missing, got " + terms.get(2));
            }
            skipMissing = Py.truthy(flags.get("skip_missing"));
        }
        List<Object> elements = new ArrayList<>();
        if (terms.get(0) instanceof Map<?, ?> m) {
            if (m.containsKey("skipped") && !Boolean.FALSE.equals(m.get("skipped"))) {
                return List.of();
            }
            elements.addAll(m.values());
        } else if (terms.get(0) instanceof List<?> l) {
            elements.addAll(l);
        } else {
            throw new FilterFailure("subelements lookup expects a list or a dict as its first item, got " + Py.typeName(terms.get(0)));
        }
        String[] path = subkeys.split("\\.");
        List<Object> out = new ArrayList<>();
        for (Object e : elements) {
            if (!(e instanceof Map<?, ?> outer)) {
                throw new FilterFailure("subelements lookup expects a dictionary, got '" + e + "'");
            }
            if (outer.containsKey("skipped") && !Boolean.FALSE.equals(outer.get("skipped"))) {
                continue;
            }
            Map<String, Object> copy = deepCopy((Map<String, Object>) outer);
            Map<String, Object> at = copy;
            List<?> sublist = null;
            for (int i = 0; i < path.length; i++) {
                String key = path[i];
                if (!at.containsKey(key)) {
                    if (skipMissing) {
                        break;
                    }
                    throw new FilterFailure("could not find '" + key + "' key in iterated item '" + outer + "'");
                }
                Object v = at.get(key);
                if (i < path.length - 1) {
                    if (!(v instanceof Map<?, ?>)) {
                        if (skipMissing) {
                            break;
                        }
                        throw new FilterFailure("the key " + key + " should point to a dictionary, got '" + v + "'");
                    }
                    at = (Map<String, Object>) v;
                } else {
                    if (!(v instanceof List<?> l)) {
                        throw new FilterFailure("the key " + key + " should point to a list, got '" + v + "'");
                    }
                    sublist = l;
                    at.remove(key);
                }
            }
            if (sublist != null) {
                for (Object inner : sublist) {
                    out.add(new ArrayList<>(java.util.Arrays.asList(copy, inner)));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> sub ? deepCopy((Map<String, Object>) sub) : v));
        return out;
    }

    private static List<Object> together(List<Object> terms) {
        if (terms.isEmpty()) {
            throw new FilterFailure("with_together requires at least one element in each list");
        }
        int longest = terms.stream().mapToInt(t -> t instanceof List<?> l ? l.size() : 1).max().orElse(0);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < longest; i++) {
            List<Object> row = new ArrayList<>();
            for (Object t : terms) {
                List<?> l = t instanceof List<?> list ? list : List.of(t);
                row.add(i < l.size() ? l.get(i) : null);
            }
            out.add(row);
        }
        return out;
    }

    private static List<Object> nested(List<Object> terms) {
        if (terms.isEmpty()) {
            throw new FilterFailure("with_nested requires at least one element in the nested list");
        }
        List<List<Object>> rows = new ArrayList<>();
        rows.add(new ArrayList<>());
        for (Object t : terms) {
            List<?> l = t instanceof List<?> list ? list : List.of(t);
            List<List<Object>> next = new ArrayList<>();
            for (List<Object> row : rows) {
                for (Object x : l) {
                    List<Object> r = new ArrayList<>(row);
                    r.add(x);
                    next.add(r);
                }
            }
            rows = next;
        }
        return new ArrayList<>(rows);
    }

    private static List<Object> indexed(List<Object> terms) {
        List<Object> flat = new ArrayList<>();
        for (Object t : terms) {
            if (t instanceof List<?> l) {
                flat.addAll(l);
            } else {
                flat.add(t);
            }
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < flat.size(); i++) {
            out.add(new ArrayList<>(java.util.Arrays.asList((long) i, flat.get(i))));
        }
        return out;
    }

    private static List<Object> flatten(Object t, List<Object> into) {
        if (t instanceof List<?> l) {
            l.forEach(x -> flatten(x, into));
        } else if (t != null && !"None".equals(t) && !"null".equals(t)) {
            into.add(t);
        }
        return into;
    }

    /** Ansible's sequence: {@code start=1 end=10 stride=2 format=web%02d}, {@code count=3}, or {@code [start-]end[/stride][:format]}. */
    private static List<Object> sequence(List<Object> terms) {
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
            Map<String, String> kv = new LinkedHashMap<>();
            String text = Py.str(term).strip();
            if (text.contains("=")) {
                for (String part : text.split("\\s+")) {
                    int eq = part.indexOf('=');
                    if (eq < 0) {
                        throw new FilterFailure("can't parse arg " + part + " in sequence " + text);
                    }
                    kv.put(part.substring(0, eq), part.substring(eq + 1));
                }
            } else {
                Matcher m = SHORTCUT.matcher(text);
                if (!m.matches()) {
                    throw new FilterFailure("can't parse arg " + text + " as a sequence: use start=, end=, count=, stride=, format=");
                }
                if (m.group(1) != null) {
                    kv.put("start", m.group(1));
                }
                kv.put("end", m.group(2));
                if (m.group(3) != null) {
                    kv.put("stride", m.group(3));
                }
                if (m.group(4) != null) {
                    kv.put("format", m.group(4));
                }
            }
            long start = number(kv.getOrDefault("start", "1"));
            long stride = number(kv.getOrDefault("stride", "1"));
            String format = kv.getOrDefault("format", "%d");
            if (kv.containsKey("count") == kv.containsKey("end")) {
                throw new FilterFailure("sequence needs exactly one of end and count: " + text);
            }
            long end;
            if (kv.containsKey("count")) {
                long count = number(kv.get("count"));
                if (count == 0) {
                    continue;
                }
                end = start + count * stride - (stride > 0 ? 1 : stride < 0 ? -1 : 0);
            } else {
                end = number(kv.get("end"));
            }
            if (stride == 0 || stride > 0 && end < start || stride < 0 && end > start) {
                if (stride == 0 || end != start) {
                    throw new FilterFailure("to count " + (stride >= 0 ? "backwards make stride negative" : "forward don't make stride negative"));
                }
            }
            for (long i = start; stride > 0 ? i <= end : i >= end; i += stride) {
                out.add(PyFormat.percent(format, i));
            }
        }
        return out;
    }

    private static long number(String s) {
        String v = s.strip();
        try {
            if (v.matches("-?0[xX][0-9a-fA-F]+")) {
                return Long.parseLong(v.replaceFirst("0[xX]", ""), 16);
            }
            if (v.matches("0[0-7]+")) {
                return Long.parseLong(v, 8);
            }
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new FilterFailure("can't parse '" + s + "' as a number in a sequence");
        }
    }
}
