package dev.runbook.template.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The Python string methods templates use most: {@code name.startswith('web')}, {@code line.split(':')}. */
final class PyStr {
    static final Set<String> METHODS = union(Set.of("startswith", "endswith", "split", "strip", "lstrip", "rstrip",
        "lower", "upper", "replace", "find", "splitlines", "isdigit", "capitalize"), PyStrMore.METHODS);

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private PyStr() {
    }

    static Object call(String s, String method, Object[] params) {
        if (PyStrMore.METHODS.contains(method)) {
            return PyStrMore.call(s, method, params);
        }
        Object[] a = params;
        return switch (method) {
            case "startswith" -> s.startsWith(Py.str(a[0]));
            case "endswith" -> s.endsWith(Py.str(a[0]));
            case "split" -> split(s, a.length > 0 && a[0] != null ? Py.str(a[0]) : null,
                a.length > 1 ? ((Number) a[1]).intValue() : -1);
            case "strip" -> rstrip(lstrip(s, chars(a)), chars(a));
            case "lstrip" -> lstrip(s, chars(a));
            case "rstrip" -> rstrip(s, chars(a));
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "replace" -> a.length > 2 ? replace(s, Py.str(a[0]), Py.str(a[1]), ((Number) a[2]).intValue())
                : s.replace(Py.str(a[0]), Py.str(a[1]));
            case "find" -> s.indexOf(Py.str(a[0]));
            case "splitlines" -> new ArrayList<Object>(List.of(s.split("\r\n|\r|\n", -1)))
                .subList(0, s.isEmpty() ? 0 : s.split("\r\n|\r|\n", -1).length - (s.matches("(?s).*(\r\n|\r|\n)") ? 1 : 0));
            case "isdigit" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "capitalize" -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            default -> throw new FilterFailure("str has no method " + method);
        };
    }

    static String replace(String s, String old, String by, int count) {
        if (count < 0) {
            return s.replace(old, by);
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int done = 0; done < count; done++) {
            int at = old.isEmpty() ? (from <= s.length() ? from : -1) : s.indexOf(old, from);
            if (at < 0 || old.isEmpty() && at >= s.length()) {
                break;
            }
            out.append(s, from, at).append(by);
            from = at + old.length();
            if (old.isEmpty()) {
                out.append(s.charAt(at));
                from++;
            }
        }
        return out.append(s.substring(from)).toString();
    }

    private static String chars(Object[] a) {
        return a.length > 0 && a[0] != null ? Py.str(a[0]) : null;
    }

    /** Without a separator, runs of whitespace split and leading/trailing whitespace is dropped. */
    static List<Object> split(String s, String sep, int max) {
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            String t = s.strip();
            if (!t.isEmpty()) {
                out.addAll(List.of(t.split("\\s+", max < 0 ? 0 : max + 1)));
            }
            return out;
        }
        if (sep.isEmpty()) {
            throw new FilterFailure("empty separator");
        }
        out.addAll(List.of(s.split(Pattern.quote(sep), max < 0 ? -1 : max + 1)));
        return out;
    }

    private static String lstrip(String s, String chars) {
        int i = 0;
        while (i < s.length() && (chars == null ? Character.isWhitespace(s.charAt(i)) : chars.indexOf(s.charAt(i)) >= 0)) {
            i++;
        }
        return s.substring(i);
    }

    private static String rstrip(String s, String chars) {
        int i = s.length();
        while (i > 0 && (chars == null ? Character.isWhitespace(s.charAt(i - 1)) : chars.indexOf(s.charAt(i - 1)) >= 0)) {
            i--;
        }
        return s.substring(0, i);
    }
}
