package dev.runbook.template.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's {@code 'fmt' % args} (printf-style) string formatting. */
final class PyFormat {
    private static final Pattern SPEC = Pattern.compile(
        "%(?:\\(([^)]*)\\))?([-+ 0#]*)(\\*|\\d+)?(?:\\.(\\*|\\d+))?[hlL]?([diouxXeEfFgGcrsa%])");

    private PyFormat() {
    }

    static String percent(String format, Object args) {
        boolean mapping = args instanceof Map && format.contains("%(");
        List<Object> values = args instanceof PyTuple t ? new ArrayList<>(t) : new ArrayList<>(List.of(box(args)));
        Matcher m = SPEC.matcher(format);
        StringBuilder out = new StringBuilder();
        int last = 0;
        int next = 0;
        while (m.find()) {
            out.append(format, last, m.start());
            last = m.end();
            char type = m.group(5).charAt(0);
            if (type == '%') {
                out.append('%');
                continue;
            }
            Object value;
            if (m.group(1) != null) {
                if (!(args instanceof Map<?, ?> map)) {
                    throw new FilterFailure("format requires a mapping");
                }
                if (!map.containsKey(m.group(1))) {
                    throw new FilterFailure("KeyError: '" + m.group(1) + "'");
                }
                value = map.get(m.group(1));
            } else {
                if (next >= values.size()) {
                    throw new FilterFailure("not enough arguments for format string");
                }
                value = mapping ? args : values.get(next++);
            }
            String flags = m.group(2);
            int width = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            int precision = m.group(4) == null ? -1 : Integer.parseInt(m.group(4));
            out.append(pad(convert(value, type, flags, precision), flags, width, type));
        }
        int end = format.indexOf('%', last);
        if (end >= 0) {
            throw new FilterFailure("unsupported format character at index " + end + " of '" + format + "'");
        }
        out.append(format.substring(last));
        if (!mapping && next < values.size()) {
            throw new FilterFailure("not all arguments converted during string formatting");
        }
        return out.toString();
    }

    private static Object box(Object args) {
        return args == null ? NULL : args;
    }

    private static final Object NULL = new Object();

    private static String convert(Object raw, char type, String flags, int precision) {
        Object value = raw == NULL ? null : Natives.plain(raw);
        switch (type) {
            case 's', 'r', 'a' -> {
                String s = type == 's' ? Py.str(value) : Py.repr(value);
                return precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
            }
            case 'c' -> {
                if (value instanceof String s && s.length() == 1) {
                    return s;
                }
                if (Py.isIntegral(value)) {
                    return new String(Character.toChars(((Number) value).intValue()));
                }
                throw new FilterFailure("%c requires int or char");
            }
            case 'd', 'i', 'u' -> {
                return sign(PyOps.integer(number(value, type, false)).toString(), flags);
            }
            case 'x', 'X', 'o' -> {
                Object n = number(value, type, true);
                String digits = PyOps.integer(n).abs().toString(type == 'o' ? 8 : 16);
                if (flags.contains("#")) {
                    digits = (type == 'o' ? "0o" : "0x") + digits;
                }
                digits = type == 'X' ? digits.toUpperCase(Locale.ROOT) : digits;
                return sign((PyOps.integer(n).signum() < 0 ? "-" : "") + digits, flags);
            }
            default -> {
                double d = PyOps.real(number(value, type, false));
                return sign(PyNumbers.formatFloat(d, type, precision < 0 ? 6 : precision, flags.contains("#")), flags);
            }
        }
    }

    private static Object number(Object value, char type, boolean integral) {
        if (value instanceof Boolean || Py.isIntegral(value)) {
            return value;
        }
        if (value instanceof Number n) {
            if (integral) {
                throw new FilterFailure("%" + type + " format: an integer is required, not float");
            }
            return type == 'd' || type == 'i' || type == 'u' ? (Object) (long) n.doubleValue() : n;
        }
        throw new FilterFailure("%" + type + " format: a " + (integral ? "integer" : "real number") + " is required, not "
            + Py.typeName(value));
    }

    private static String sign(String s, String flags) {
        if (s.startsWith("-")) {
            return s;
        }
        if (flags.contains("+")) {
            return "+" + s;
        }
        return flags.contains(" ") ? " " + s : s;
    }

    private static String pad(String s, String flags, int width, char type) {
        if (s.length() >= width) {
            return s;
        }
        String fill = " ".repeat(width - s.length());
        if (flags.contains("-")) {
            return s + fill;
        }
        if (flags.contains("0") && "sracd".indexOf(type) < 0 || flags.contains("0") && type == 'd') {
            int signLength = s.startsWith("-") || s.startsWith("+") || s.startsWith(" ") ? 1 : 0;
            return s.substring(0, signLength) + "0".repeat(width - s.length()) + s.substring(signLength);
        }
        return fill + s;
    }
}
