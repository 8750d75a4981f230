package dev.runbook.template.jinja;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's {@code str.format}: {@code {}}, {@code {0}}, {@code {name}}, {@code {0[1]}}, and format specs. */
final class PyStrFormat {
    private static final Pattern SPEC = Pattern.compile(
        "(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\\d+)?([,_])?(?:\\.(\\d+))?([bcdeEfFgGnosxX%])?");

    private PyStrFormat() {
    }

    static String format(String template, List<Object> args, Map<String, Object> kwargs) {
        StringBuilder out = new StringBuilder();
        int auto = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{' && template.startsWith("{{", i) || c == '}' && template.startsWith("}}", i)) {
                out.append(c);
                i += 2;
                continue;
            }
            if (c == '}') {
                throw new FilterFailure("Single '}' encountered in format string");
            }
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int end = template.indexOf('}', i);
            if (end < 0) {
                throw new FilterFailure("Single '{' encountered in format string");
            }
            String field = template.substring(i + 1, end);
            i = end + 1;
            String spec = "";
            int colon = field.indexOf(':');
            if (colon >= 0) {
                spec = field.substring(colon + 1);
                field = field.substring(0, colon);
            }
            char conversion = 0;
            int bang = field.indexOf('!');
            if (bang >= 0) {
                conversion = field.charAt(bang + 1);
                field = field.substring(0, bang);
            }
            Matcher name = Pattern.compile("^([^.\\[]*)(.*)$").matcher(field);
            name.matches();
            Object value;
            if (name.group(1).isEmpty()) {
                value = positional(args, auto++);
            } else if (name.group(1).matches("\\d+")) {
                value = positional(args, Integer.parseInt(name.group(1)));
            } else if (kwargs.containsKey(name.group(1))) {
                value = kwargs.get(name.group(1));
            } else {
                throw new FilterFailure("KeyError: '" + name.group(1) + "'");
            }
            value = Natives.plain(access(value, name.group(2)));
            if (conversion == 'r' || conversion == 'a') {
                value = Py.repr(value);
            } else if (conversion == 's') {
                value = Py.str(value);
            }
            out.append(apply(value, spec));
        }
        return out.toString();
    }

    private static Object positional(List<Object> args, int index) {
        if (index >= args.size()) {
            throw new FilterFailure("IndexError: Replacement index " + index + " out of range for positional args tuple");
        }
        return args.get(index);
    }

    private static Object access(Object value, String path) {
        Matcher m = Pattern.compile("\\.(\\w+)|\\[([^]]+)]").matcher(path);
        Object cur = value;
        while (m.find()) {
            String key = m.group(1) != null ? m.group(1) : m.group(2);
            if (cur instanceof Map<?, ?> map && map.containsKey(key)) {
                cur = map.get(key);
            } else if (cur instanceof List<?> l && key.matches("\\d+") && Integer.parseInt(key) < l.size()) {
                cur = l.get(Integer.parseInt(key));
            } else {
                throw new FilterFailure("format: cannot read '" + key + "' of a " + Py.typeName(cur));
            }
        }
        return cur;
    }

    /** format(value, spec). */
    static String apply(Object value, String spec) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new FilterFailure("Invalid format specifier '" + spec + "'");
        }
        boolean numeric = PyOps.isNumber(value) && !(value instanceof Boolean && m.group(9) == null);
        char type = m.group(9) == null ? 0 : m.group(9).charAt(0);
        String fill = m.group(1) != null ? m.group(1) : m.group(5) != null && m.group(2) == null ? "0" : " ";
        char align = m.group(2) != null ? m.group(2).charAt(0) : m.group(5) != null ? '=' : numeric ? '>' : '<';
        int width = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        int precision = m.group(8) == null ? -1 : Integer.parseInt(m.group(8));
        String body;
        if (!numeric) {
            if (type != 0 && type != 's') {
                throw new FilterFailure("Unknown format code '" + type + "' for object of type '" + Py.typeName(value) + "'");
            }
            body = Py.str(value);
            body = precision >= 0 && precision < body.length() ? body.substring(0, precision) : body;
        } else {
            body = number(value, type, precision, m.group(4) != null, m.group(7));
            String sign = m.group(3);
            if (sign != null && !body.startsWith("-") && !" -".contains(sign)) {
                body = "+" + body;
            } else if (" ".equals(sign) && !body.startsWith("-")) {
                body = " " + body;
            }
        }
        return pad(body, fill, align, width);
    }

    private static String number(Object value, char type, int precision, boolean alternate, String grouping) {
        boolean integral = Py.isIntegral(value) || value instanceof Boolean;
        String s;
        switch (type) {
            case 'd', 'n', 'b', 'o', 'x', 'X', 'c' -> {
                if (!integral) {
                    throw new FilterFailure("Unknown format code '" + type + "' for object of type 'float'");
                }
                BigInteger n = PyOps.integer(value);
                int radix = switch (type) {
                    case 'b' -> 2;
                    case 'o' -> 8;
                    case 'x', 'X' -> 16;
                    default -> 10;
                };
                if (type == 'c') {
                    return new String(Character.toChars(n.intValue()));
                }
                s = n.abs().toString(radix);
                s = type == 'X' ? s.toUpperCase(java.util.Locale.ROOT) : s;
                s = alternate && radix != 10 ? "0" + "box".charAt(radix == 2 ? 0 : radix == 8 ? 1 : 2) + s : s;
                s = (n.signum() < 0 ? "-" : "") + s;
            }
            case 0 -> {
                if (integral) {
                    s = PyOps.integer(value).toString();
                } else {
                    s = precision < 0 ? PyNumbers.repr(PyOps.real(value))
                        : PyNumbers.formatFloat(PyOps.real(value), 'g', precision, alternate);
                }
            }
            case '%' -> s = PyNumbers.formatFloat(PyOps.real(value) * 100, 'f', precision < 0 ? 6 : precision, alternate) + "%";
            default -> s = PyNumbers.formatFloat(PyOps.real(value), type, precision < 0 ? 6 : precision, alternate);
        }
        if (grouping != null) {
            s = group(s, grouping);
        }
        return s;
    }

    private static String group(String s, String separator) {
        int start = s.startsWith("-") ? 1 : 0;
        int end = s.length();
        for (int i = start; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                end = i;
                break;
            }
        }
        StringBuilder digits = new StringBuilder(s.substring(start, end));
        for (int i = digits.length() - 3; i > 0; i -= 3) {
            digits.insert(i, separator);
        }
        return s.substring(0, start) + digits + s.substring(end);
    }

    private static String pad(String body, String fill, char align, int width) {
        int missing = width - body.length();
        if (missing <= 0) {
            return body;
        }
        return switch (align) {
            case '<' -> body + fill.repeat(missing);
            case '^' -> fill.repeat(missing / 2) + body + fill.repeat(missing - missing / 2);
            case '=' -> {
                int sign = body.startsWith("-") || body.startsWith("+") || body.startsWith(" ") ? 1 : 0;
                yield body.substring(0, sign) + fill.repeat(missing) + body.substring(sign);
            }
            default -> fill.repeat(missing) + body;
        };
    }
}
