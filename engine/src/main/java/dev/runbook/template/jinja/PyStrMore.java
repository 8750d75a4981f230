package dev.runbook.template.jinja;

import com.hubspot.jinjava.el.ext.NamedParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The rest of Python's str methods templates use: format, join, count, index, justification, tests. */
final class PyStrMore {
    static final Set<String> METHODS = Set.of("format", "join", "title", "count", "index", "rfind", "rindex",
        "swapcase", "isalpha", "isalnum", "isspace", "islower", "isupper", "isnumeric", "isdecimal", "center",
        "zfill", "ljust", "rjust", "partition", "rpartition", "rsplit", "casefold", "removeprefix", "removesuffix");

    private PyStrMore() {
    }

    static Object call(String s, String method, Object[] params) {
        List<Object> a = new ArrayList<>();
        Map<String, Object> kw = new LinkedHashMap<>();
        for (Object p : params) {
            if (p instanceof NamedParameter n) {
                kw.put(n.getName(), n.getValue());
            } else {
                a.add(p);
            }
        }
        return switch (method) {
            case "format" -> PyStrFormat.format(s, a, kw);
            case "join" -> join(s, a.get(0));
            case "title" -> title(s);
            case "count" -> count(s, Py.str(a.get(0)));
            case "index", "rindex" -> index(s, Py.str(a.get(0)), method.equals("rindex"));
            case "rfind" -> s.lastIndexOf(Py.str(a.get(0)));
            case "swapcase" -> swapcase(s);
            case "isalpha" -> !s.isEmpty() && s.codePoints().allMatch(Character::isLetter);
            case "isalnum" -> !s.isEmpty() && s.codePoints().allMatch(Character::isLetterOrDigit);
            case "isspace" -> !s.isEmpty() && s.codePoints().allMatch(Character::isWhitespace);
            case "isnumeric", "isdecimal" -> !s.isEmpty() && s.codePoints().allMatch(Character::isDigit);
            case "islower" -> hasCased(s) && s.equals(s.toLowerCase(Locale.ROOT));
            case "isupper" -> hasCased(s) && s.equals(s.toUpperCase(Locale.ROOT));
            case "center", "ljust", "rjust" -> justify(s, method, ((Number) a.get(0)).intValue(),
                a.size() > 1 ? Py.str(a.get(1)) : " ");
            case "zfill" -> zfill(s, ((Number) a.get(0)).intValue());
            case "partition", "rpartition" -> partition(s, Py.str(a.get(0)), method.equals("rpartition"));
            case "rsplit" -> rsplit(s, a.isEmpty() || a.get(0) == null ? null : Py.str(a.get(0)),
                a.size() > 1 ? ((Number) a.get(1)).intValue() : -1);
            case "casefold" -> s.toLowerCase(Locale.ROOT);
            case "removeprefix" -> s.startsWith(Py.str(a.get(0))) ? s.substring(Py.str(a.get(0)).length()) : s;
            case "removesuffix" -> s.endsWith(Py.str(a.get(0))) && !Py.str(a.get(0)).isEmpty()
                ? s.substring(0, s.length() - Py.str(a.get(0)).length()) : s;
            default -> throw new FilterFailure("str has no method " + method);
        };
    }

    private static String join(String separator, Object value) {
        List<Object> items = Py.list(value);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            Object o = items.get(i);
            if (!(o instanceof CharSequence)) {
                throw new FilterFailure("sequence item " + i + ": expected str instance, " + Py.typeName(o) + " found");
            }
            sb.append(i > 0 ? separator : "").append(o);
        }
        return sb.toString();
    }

    /** str.title: a letter after a non-letter is upper case, every other letter lower case. */
    static String title(String s) {
        StringBuilder sb = new StringBuilder();
        boolean previousCased = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(previousCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
            previousCased = Character.isLetter(c);
        }
        return sb.toString();
    }

    private static int count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.length() + 1;
        }
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }

    private static int index(String s, String sub, boolean last) {
        int i = last ? s.lastIndexOf(sub) : s.indexOf(sub);
        if (i < 0) {
            throw new FilterFailure("substring not found");
        }
        return i;
    }

    private static String swapcase(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.isUpperCase(c) ? Character.toLowerCase(c)
            : Character.toUpperCase(c)));
        return sb.toString();
    }

    private static boolean hasCased(String s) {
        return s.codePoints().anyMatch(c -> Character.isUpperCase(c) || Character.isLowerCase(c));
    }

    private static String justify(String s, String how, int width, String fill) {
        int missing = width - s.length();
        if (missing <= 0) {
            return s;
        }
        return switch (how) {
            case "ljust" -> s + fill.repeat(missing);
            case "rjust" -> fill.repeat(missing) + s;
            default -> {
                int left = missing / 2 + (missing & width & 1);
                yield fill.repeat(left) + s + fill.repeat(missing - left);
            }
        };
    }

    private static String zfill(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        int sign = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        return s.substring(0, sign) + "0".repeat(width - s.length()) + s.substring(sign);
    }

    private static PyTuple partition(String s, String sep, boolean last) {
        int i = last ? s.lastIndexOf(sep) : s.indexOf(sep);
        if (i < 0) {
            return last ? PyTuple.of("", "", s) : PyTuple.of(s, "", "");
        }
        return PyTuple.of(s.substring(0, i), sep, s.substring(i + sep.length()));
    }

    private static List<Object> rsplit(String s, String sep, int max) {
        if (max < 0) {
            return PyStr.split(s, sep, -1);
        }
        List<Object> out = new ArrayList<>();
        String rest = sep == null ? s.stripTrailing() : s;
        while (out.size() < max) {
            int i = sep == null ? lastWhitespace(rest) : rest.lastIndexOf(sep);
            if (i < 0) {
                break;
            }
            out.add(0, rest.substring(i + (sep == null ? 1 : sep.length())));
            rest = sep == null ? rest.substring(0, i).stripTrailing() : rest.substring(0, i);
        }
        if (sep == null) {
            out.addAll(0, PyStr.split(rest, null, -1));
        } else {
            out.add(0, rest);
        }
        return out;
    }

    private static int lastWhitespace(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
