package dev.runbook.template.jinja;

import com.hubspot.jinjava.lib.filter.Filter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** split, join, truncate, indent, urlencode, random and shuffle with Jinja2's and Ansible's exact rules. */
final class TextFilters {
    private static final int TRUNCATE_LEEWAY = 5;

    private TextFilters() {
    }

    static List<Filter> all() {
        return List.of(
            new FilterFn("split", (v, a, k) -> PyStr.split(Py.str(v), a.length > 0 && a[0] != null ? Py.str(a[0]) : null,
                a.length > 1 ? ((Number) a[1]).intValue() : -1)),
            new FilterFn("join", TextFilters::join),
            new FilterFn("truncate", TextFilters::truncate),
            new FilterFn("indent", TextFilters::indent),
            new FilterFn("urlencode", (v, a, k) -> urlencode(v)),
            new FilterFn("title", (v, a, k) -> title(Py.str(v))),
            new FilterFn("trim", (v, a, k) -> trim(Py.str(v), Py.strArg(a, k, 0, "chars", null))),
            new FilterFn("random", TextFilters::random),
            new FilterFn("shuffle", TextFilters::shuffle));
    }

    /** Every item as Python's str() prints it: None, True. */
    private static Object join(Object v, Object[] args, Map<String, Object> kwargs) {
        String separator = Py.strArg(args, kwargs, 0, "d", "");
        String attribute = Py.strArg(args, kwargs, 1, "attribute", null);
        List<String> parts = new ArrayList<>();
        for (Object item : Py.list(v)) {
            Object value = attribute == null ? item : Attr.get(item, attribute);
            parts.add(Py.str(Natives.plain(value)));
        }
        return String.join(separator, parts);
    }

    /** Jinja2's title: words begin after runs of '-', whitespace, and opening brackets. */
    static String title(String s) {
        StringBuilder sb = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[-\\s(\\{\\[<]+").matcher(s);
        int last = 0;
        while (m.find()) {
            sb.append(word(s.substring(last, m.start()))).append(m.group());
            last = m.end();
        }
        return sb.append(word(s.substring(last))).toString();
    }

    private static String word(String w) {
        return w.isEmpty() ? w : w.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + w.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    private static String trim(String s, String chars) {
        if (chars == null) {
            return s.strip();
        }
        int start = 0;
        int end = s.length();
        while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    private static Object truncate(Object v, Object[] args, Map<String, Object> kwargs) {
        String s = Py.str(v);
        int length = ((Number) Py.arg(args, kwargs, 0, "length", 255L)).intValue();
        boolean killwords = Py.boolArg(args, kwargs, 1, "killwords");
        String end = Py.strArg(args, kwargs, 2, "end", "...");
        Object leewayArg = Py.arg(args, kwargs, 3, "leeway", null);
        int leeway = leewayArg == null ? TRUNCATE_LEEWAY : ((Number) leewayArg).intValue();
        if (s.length() <= length + leeway) {
            return s;
        }
        if (killwords) {
            return s.substring(0, Math.max(0, length - end.length())) + end;
        }
        String head = s.substring(0, Math.max(0, length - end.length()));
        int space = head.lastIndexOf(' ');
        return (space >= 0 ? head.substring(0, space) : head) + end;
    }

    /** Jinja2 3.x indent: blank lines stay empty unless blank=true; the first line only with first=true. */
    private static Object indent(Object v, Object[] args, Map<String, Object> kwargs) {
        Object width = Py.arg(args, kwargs, 0, "width", 4L);
        String indention = width instanceof String w ? w : " ".repeat(((Number) width).intValue());
        boolean first = Py.boolArg(args, kwargs, 1, "first");
        boolean blank = Py.boolArg(args, kwargs, 2, "blank");
        List<String> lines = splitlines(Py.str(v) + "\n");
        String rv;
        if (blank) {
            rv = String.join("\n" + indention, lines);
        } else {
            StringBuilder sb = new StringBuilder(lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                sb.append('\n').append(line.isEmpty() ? "" : indention + line);
            }
            rv = sb.toString();
        }
        return first ? indention + rv : rv;
    }

    private static List<String> splitlines(String s) {
        List<String> out = new ArrayList<>(List.of(s.split("\r\n|\r|\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** Jinja2: a string is quoted with '/' kept; a dict or list of pairs becomes a query string. */
    static String urlencode(Object v) {
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, val) -> parts.add(quote(Py.str(k), true) + "=" + quote(Py.str(val), true)));
            return String.join("&", parts);
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object pair : l) {
                List<Object> kv = Py.list(pair);
                parts.add(quote(Py.str(kv.get(0)), true) + "=" + quote(Py.str(kv.get(1)), true));
            }
            return String.join("&", parts);
        }
        return quote(Py.str(v), false);
    }

    private static String quote(String s, boolean forQuery) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || "_.-~".indexOf(c) >= 0 || c == '/' && !forQuery) {
                sb.append((char) c);
            } else if (c == ' ' && forQuery) {
                sb.append('+');
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    private static Object random(Object v, Object[] args, Map<String, Object> kwargs) {
        refuseSeed(kwargs, "random");
        if (PyOps.isNumber(v)) {
            long end = PyOps.integer(v).longValue();
            return (long) (Math.random() * end);
        }
        List<Object> items = Py.list(v);
        if (items.isEmpty()) {
            throw new FilterFailure("random: the sequence is empty");
        }
        return items.get((int) (Math.random() * items.size()));
    }

    private static Object shuffle(Object v, Object[] args, Map<String, Object> kwargs) {
        refuseSeed(kwargs, "shuffle");
        List<Object> items = Py.list(v);
        Collections.shuffle(items);
        return items;
    }

    /** A seed gives Python's own pseudo-random sequence, which cannot be reproduced here: refuse, never differ. */
    private static void refuseSeed(Map<String, Object> kwargs, String filter) {
        if (kwargs.containsKey("seed")) {
            throw new FilterFailure(filter + ": seed= is not supported (it would not give Ansible's sequence);"
                + " use a value derived with hash() instead");
        }
    }
}
